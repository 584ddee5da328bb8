import { describe, expect, it } from 'vitest';
import { asksExpansion, expansionFraming, expansionIn } from '../../server/core/acronym-expansion.js';
import { askedMeasure, detectAnswerType, satisfiesAnswerType } from '../../server/core/answer-type.js';

const q = (text: string) => ({ text, terms: [], answerType: detectAnswerType(text), measure: askedMeasure(text) });

describe('a question that asks what an abbreviation stands for', () => {
  it('is told by its cue and the token just before it, in both languages', () => {
    expect(detectAnswerType('PPTP 全称')).toBe('expansion');
    expect(detectAnswerType('What does the name LXC stand for?')).toBe('expansion');
    expect(detectAnswerType('tar 这个命令名是哪几个词的缩写？')).toBe('expansion');
    expect(detectAnswerType('module-assistant abbreviation')).toBe('expansion');
  });

  it('knows the other phrasings of the cue', () => {
    expect(asksExpansion('PPTP 是什么缩写？')).toBe(true);
    expect(asksExpansion('LDIF 是什么的英文缩写？')).toBe(true);
    expect(asksExpansion('What is the long form of LDIF?')).toBe(true);
  });

  it('is not one whose cue asks no one abbreviation, or names no abbreviation in an English question', () => {
    expect(asksExpansion('Is 5 minutes too short for a timeout?')).toBe(false);
    expect(asksExpansion('How can I show abbreviated commit hashes?')).toBe(false);
    expect(asksExpansion('What acronyms does Debian use?')).toBe(false);
    expect(asksExpansion('What does the Debian project stand for?')).toBe(false);
    // A digit stands for words no initials spell (W3C: World Wide Web).
    expect(asksExpansion('W3C 全称')).toBe(false);
  });

  it('is not one when it asks about a single letter or code, a full name of a person, or a meaning', () => {
    expect(asksExpansion('What does the letter T stand for in cable names like 1000BASE-T?')).toBe(false);
    expect(asksExpansion('In the popcon figures, what does a number prefixed with "V:" stand for?')).toBe(false);
    expect(asksExpansion('passwd 文件中哪一栏一般记录着用户的全名？')).toBe(false);
    expect(asksExpansion('What does LXC mean?')).toBe(false);
  });

  it('frames the question with its cue words only when it asks so', () => {
    expect(expansionFraming('PPTP 全称').has('全称')).toBe(true);
    expect(expansionFraming('What does XDS stand for?').has('stand')).toBe(true);
    expect(expansionFraming('Where do I stand?').size).toBe(0);
  });
});

describe('the sentence that answers it', () => {
  it('writes a run of words whose initials spell the abbreviation next to it', () => {
    expect(expansionIn('PPTP 全称', '即使你运行 Secure Shell (SSH) 和 Point-to-point tunneling protocol (PPTP) 这样的安全服务')?.value).toBe('Point-to-point tunneling protocol');
    expect(expansionIn('What does the name LXC stand for?', '此类设置的官方名称是"容器"（因此 LXC 名称：LinuX Containers）')?.value).toBe('LinuX Containers');
    expect(expansionIn('tar 这个命令名是哪几个词的缩写？', 'tar (Tape ARchive) format')?.value).toBe('Tape ARchive');
    expect(expansionIn('KVM 全称?', 'KVM, which stands for Kernel-based Virtual Machine, is')?.value).toBe('Kernel-based Virtual Machine');
    expect(expansionIn('REPL 全称', 'REPL (=READ + EVAL + PRINT + LOOP) 环境')?.value).toBe('READ + EVAL + PRINT + LOOP');
    expect(expansionIn('XDS stands for?', 'XDS is an acronym for “X Direct Save Protocol”.')?.value).toBe('X Direct Save Protocol');
  });

  it('or, asked the other way round, the abbreviation the long form spells', () => {
    expect(expansionIn('module-assistant abbreviation', 'module-assistant(8) (or its short form m-a) helps users')?.value).toBe('m-a');
  });

  it('is not a run of lower-case words that only stands near it, nor an auxiliary of the question', () => {
    expect(expansionIn('NFS 全称', 'NFS is configured; now file sharing works.')).toBeUndefined();
    expect(expansionIn('CPU 全称', 'It counts the CPU cycles per unit.')).toBeUndefined();
    expect(expansionIn('US 全称', 'Let us use sudo.')).toBeUndefined();
    expect(expansionIn('What does XYZ stand for?', 'The check does default options every start.')).toBeUndefined();
    expect(expansionIn('IP 全称', 'In particular the IP (Internet Protocol) is routed.')?.value).toBe('Internet Protocol');
    expect(expansionIn('VPN stands for?', 'VPN stands for Virtual Private Network Windows users know.')?.value).toBe('Virtual Private Network');
  });

  it('is found without trying every way through a long run of small words', () => {
    // Every "a" may give a letter or be skipped: without memoising, each letter more multiplied the work by about four.
    expect(expansionIn('aaaaaaaaaaaab 全称', `aaaaaaaaaaaab ${Array(60).fill('a').join(' ')}`)).toBeUndefined();
  });

  it('is not one that only names the abbreviation, or whose nearby words spell something else', () => {
    expect(satisfiesAnswerType(q('PPTP 全称'), 'PPTP is still used by many old VPN setups.')).toBe(false);
    expect(satisfiesAnswerType(q('PPTP 全称'), 'Secure Shell (SSH) 和 PPTP 这样的安全服务')).toBe(false);
    expect(satisfiesAnswerType(q('PPTP 全称'), '即使你运行 Point-to-point tunneling protocol (PPTP) 这样的安全服务')).toBe(true);
  });
});
