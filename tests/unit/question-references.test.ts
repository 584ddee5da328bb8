import { describe, expect, it } from 'vitest';
import { documentReferences } from '../../server/core/document-references.js';
import { namedThings, resolveOrdinalReference } from '../../server/core/ordinal-reference.js';
import { contentTerms, type TermStats } from '../../server/core/query-analysis.js';
import { analyzeText } from '../../server/shared/text/tokenizer.js';

const references = (q: string) => [...documentReferences(q, analyzeText(q).words).words].sort();

describe('a question pointing into the documents (document-references.ts)', () => {
  it('drops the table, the list, the section and "according to" as references', () => {
    expect(references('Apart from the basic ftp package, which other FTP clients are in the table?')).toEqual(['tabl']);
    expect(references('What does the list say the openssl package gives you?')).toEqual(['list']);
    expect(references('What kinds of things can Audacity import according to the manual?')).toEqual(['accord', 'manual']);
    expect(references('本节提醒说 NSS 这个缩写还可能被理解成别的东西')).toEqual(['本', '节']);
    expect(references('这张表格里有哪些软件包')).toEqual(['表格', '这张']);
  });

  it('reads the noun as a reference only where it points: in it, it says, this one', () => {
    expect(references('What does the table show about fonts?')).toEqual(['tabl']);
    expect(references('Which fonts does the table list?')).toEqual(['tabl']);
    expect(references('What does this section say about NSS?')).toEqual(['section']);
    // What the question is about: the list of packages, the table it drops, the table of contents.
    expect(references('How do I print the list of installed packages?')).toEqual([]);
    expect(references('How do I drop the table?')).toEqual([]);
    expect(references('Where is the table of contents?')).toEqual([]);
  });

  it('keeps a noun that names something with the next one, a title, and jieba words that only contain the noun', () => {
    expect(references('How do I insert a row in the table cell?')).toEqual([]);
    expect(references('How do I get the Guide for Debian Maintainers onto my machine?')).toEqual([]);
    expect(references('What is the first document I should read?')).toEqual([]);
    // 该节点 is 该 + 节点 (a node), 这表明 is 这 + 表明 (shows): neither points at a section or a table.
    expect(references('这表明该节点在集群里')).toEqual([]);
  });

  it("takes the reference's character bigrams out of the question terms too", () => {
    const stats: TermStats = { chunkCount: 10, documentFrequency: () => 0, idf: () => 2 };
    const terms = contentTerms('本节提醒说 NSS 缩写', stats, 'question').map((t) => t.term);
    expect(terms).not.toContain('~本节');
    expect(terms).toContain('nss');
  });

  it('leaves its words out of the question terms', () => {
    const stats: TermStats = { chunkCount: 10, documentFrequency: () => 0, idf: () => 2 };
    const terms = contentTerms('Which FTP clients are in the table?', stats, 'question').map((t) => t.term);
    expect(terms).toContain('ftp');
    expect(terms).not.toContain('tabl');
  });
});

describe('"the first one", 前者: a follow-up picking a thing the previous turn named (ordinal-reference.ts)', () => {
  it('picks from the things the previous question lists, in its order', () => {
    expect(resolveOrdinalReference('前一个在 Debian 上用的是哪个配置文件？', 'libnss-ldap 和 libnss-ldapd 有什么区别？', 'libnss-ldapd 是 libnss-ldap 的一个较新的 fork。')).toBe(
      'libnss-ldap在 Debian 上用的是哪个配置文件？',
    );
    // (A plain lower-case word is no name here: "gzip or bzip2" lists one.)
    expect(resolveOrdinalReference('And the latter?', 'Should I use xz-utils or bzip2?', undefined)).toBe('And bzip2?');
    expect(resolveOrdinalReference('And the latter?', 'Should I use gzip or bzip2?', undefined)).toBeUndefined();
  });

  it("picks from the previous answer's new names when the question lists none", () => {
    const q = 'Which new retouching tools did GIMP 2.4 bring?';
    const a = 'Among others, the Healing Brush and the Perspective Clone tool.';
    expect(resolveOrdinalReference('How does the second one differ from the healing brush?', q, a)).toBe('How does Perspective Clone differ from the healing brush?');
    expect(resolveOrdinalReference('What does the first one of those actually do?', 'Which parameters were added to glob.glob() in Python 3.10?', 'Python 3.10 added the root_dir and dir_fd parameters.')).toBe(
      'What does root_dir actually do?',
    );
    expect(resolveOrdinalReference('what is the -i in the first one for?', 'What goes in ~/.devscripts?', 'DEBUILD_DPKG_BUILDPACKAGE_OPTS="-i -I", DEBSIGN_KEYID')).toBe(
      'what is the -i in DEBUILD_DPKG_BUILDPACKAGE_OPTS for?',
    );
  });

  it('leaves a restricted "first one" (a new thing asked) and a turn naming fewer than two things alone', () => {
    expect(resolveOrdinalReference('And the first one in Africa?', 'Which DebConf was the first one held in Asia?', 'DebConf18, held in Taiwan.')).toBeUndefined();
    expect(resolveOrdinalReference('What does the first one do?', 'What does apt do?', 'It installs packages.')).toBeUndefined();
    expect(resolveOrdinalReference('What does it do?', 'Should I use xz-utils or bzip2?', undefined)).toBeUndefined();
  });

  it('is no "former"/"latter" that qualifies a noun, and no 前一个/最后一个 before a noun or inside a word', () => {
    const listed = 'Is libnss-ldap or libnss-ldapd older?';
    expect(resolveOrdinalReference('Who was the former CEO of Red Hat?', listed, undefined)).toBeUndefined();
    expect(resolveOrdinalReference('What happened in the latter half of 2023?', listed, undefined)).toBeUndefined();
    expect(resolveOrdinalReference('And the latter one?', listed, undefined)).toBe('And libnss-ldapd?');
    const zh = 'libnss-ldap 和 libnss-ldapd 有什么区别？';
    expect(resolveOrdinalReference('最后一个步骤是什么？', zh, undefined)).toBeUndefined();
    expect(resolveOrdinalReference('需要提前一个月通知吗？', zh, undefined)).toBeUndefined();
    expect(resolveOrdinalReference('前一个版本用的是哪个配置文件？', zh, undefined)).toBeUndefined();
    expect(resolveOrdinalReference('那后者呢？', zh, undefined)).toBe('那libnss-ldapd呢？');
  });

  it('picks nothing from the answer when the previous question lists things it cannot name (沐曦和壁仞, gzip or bzip2)', () => {
    expect(resolveOrdinalReference('前者的营收是多少？', '沐曦和壁仞哪家的GPU更强？', '沐曦的 GPU 面向 AI 训练，比 NVIDIA A100 慢。')).toBeUndefined();
    expect(resolveOrdinalReference('And the latter?', 'Should I use gzip or bzip2?', 'Use xz-utils, it compresses better than GNU Zip Tools.')).toBeUndefined();
  });

  it('names things as identifiers and capitalised runs, not single everyday or sentence-initial words', () => {
    expect(namedThings('Python 3.10 added the root_dir and dir_fd parameters.')).toEqual(['root_dir', 'dir_fd']);
    expect(namedThings('Wu Quan, founding partner, and Zhang Chi (Xinding Capital).')).toEqual(['Wu Quan', 'Zhang Chi', 'Xinding Capital']);
    // Options and paths are named; abbreviations and hyphenated everyday words are not; a sentence's opening word is not part of a name.
    expect(namedThings('Pass -i and -I to dpkg-source, see /etc/hosts.')).toEqual(['-i', '-I', 'dpkg-source', '/etc/hosts']);
    expect(namedThings('Yes. Use e.g. the built-in tool, i.e. the well-known one.')).toEqual([]);
    expect(namedThings('Both Red Hat Enterprise Linux and Ubuntu Server do.')).toEqual(['Red Hat Enterprise Linux', 'Ubuntu Server']);
    // Listed: side by side, only a connective between (NSS is named, not listed with them; the serial comma counts).
    expect(namedThings('Is libnss-ldap or libnss-ldapd newer, and what about NSS?', true)).toEqual(['libnss-ldap', 'libnss-ldapd']);
    expect(namedThings('Which of xz-utils, bzip2, and zstd-1.5 is fastest?', true)).toEqual(['xz-utils', 'bzip2', 'zstd-1.5']);
  });
});
