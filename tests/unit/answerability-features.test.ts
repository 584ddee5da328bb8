import { describe, expect, it } from 'vitest';
import { askedShape, holdsShape } from '../../server/generators/extractive/asked-shape.js';
import { answerFeatures } from '../../server/generators/extractive/features.js';
import { kindOf } from '../../server/generators/extractive/kinds/index.js';
import { absentEverywhere } from '../helpers/absent-everywhere.js';
import { scoreEvidence, type Evidence } from '../../server/generators/extractive/sentence-evidence.js';
import type { AnalyzedQuery, CandidateSentence } from '../../server/core/types.js';

const sentence = (n: number, text: string, extra: Partial<CandidateSentence> = {}): CandidateSentence => ({
  id: n,
  sentence: 100 + n,
  docId: 'd',
  start: n * 100,
  end: n * 100 + text.length,
  text,
  chunkRank: 0,
  ...extra,
});
const query = (text: string, words: string[]): AnalyzedQuery => ({
  text,
  answerType: 'other',
  terms: words.map((term) => ({ term, weight: 2, origin: 'question' as const })),
});
/** Evidence in the given order, with the given scores (the ranking is not what these tests are about). */
const ranked = (q: AnalyzedQuery, texts: string[], scores: number[]): Evidence[] =>
  scoreEvidence(q, texts.map((t, i) => sentence(i, t))).map((e, i) => ({ ...e, score: scores[i] }));

describe('the shape of the asked value', () => {
  it('reads ports, files and commands from cue words in either language', () => {
    expect(askedShape('What port does LDAPS use?')).toBe('number');
    expect(askedShape('xrdp 默认监听的是哪个端口？')).toBe('number');
    expect(askedShape('Which file holds the system hostname?')).toBe('path');
    expect(askedShape('配置文件在哪个目录?')).toBe('path');
    expect(askedShape('ssh tunnel package')).toBe('name');
    expect(askedShape('用什么命令查看磁盘?')).toBe('name');
    expect(askedShape('Why is NetworkManager not recommended on servers?')).toBeUndefined();
  });
  it('reads a file system as no file: no path is asked for', () => {
    expect(askedShape('改用 ext4 之类的文件系统以后，还得设置些什么？')).toBeUndefined();
    expect(askedShape('改用哪種文件系統？')).toBeUndefined();
    expect(askedShape('Which file system does the installer pick?')).toBeUndefined();
    expect(askedShape('Which file-system does the installer pick?')).toBeUndefined();
    expect(askedShape('哪个文件系统的配置文件?')).toBe('path');
    expect(askedShape('Which files does the file system keep?')).toBe('path');
    expect(askedShape('文件夹在哪里?')).toBe('path');
  });
  it('is no name or path for a count: the cue word is what is counted', () => {
    expect(askedShape('How many paint tools come with GIMP?')).toBeUndefined();
    expect(askedShape('有多少个命令?')).toBeUndefined();
    expect(askedShape('How many ports does it open?')).toBe('number');
    expect(askedShape('用什么命令查看目录下有多少个文件?')).toBeDefined(); // asks which command, and then a count
    expect(askedShape('Which file sets how many retries are allowed?')).toBe('path');
  });
  it('finds a value of that shape, or its absence', () => {
    expect(holdsShape('number', '|ldaps |636 |')).toBe(true);
    expect(holdsShape('number', 'Xrdp 使用远程桌面协议将图形登录界面展示在远程客户端上。')).toBe(false);
    expect(holdsShape('number', 'sshd listens on port 22 by default.')).toBe(true);
    expect(holdsShape('number', 'IMAP4 默认使用 143 端口。')).toBe(true);
    // A digit of a name or a manual page's section is no port.
    expect(holdsShape('number', 'It consists of the OpenSSH client, ssh(1), and the OpenSSH daemon, sshd(8).')).toBe(false);
    expect(holdsShape('number', '互联网消息访问协议版本 4 (IMAP4) 服务器可以用来把邮件移出来。')).toBe(true); // "版本 4" stands alone
    expect(holdsShape('number', 'IMAP4 服务器可以用来把邮件从专有邮件系统里面移出来。')).toBe(false);
    expect(holdsShape('number', 'See passwd(1ssl) and x86_64 builds.')).toBe(false);
    expect(holdsShape('number', 'Connect with "ssh -p2222 host".')).toBe(true);
    expect(holdsShape('path', '此主机名保存在 "/etc/hostname"。')).toBe(true);
    expect(holdsShape('path', 'It is a symlink to graphical.target.')).toBe(true);
    expect(holdsShape('path', '这个文件应该只包含系统主机名，而不是全称域名。')).toBe(false);
    expect(holdsShape('name', 'Install the package "autossh" on that machine.')).toBe(true);
    expect(holdsShape('name', 'ldap-createuser-krb5 will create the user account.')).toBe(true);
    expect(holdsShape('name', '可以安装 autossh 软件包。')).toBe(true);
    expect(holdsShape('name', 'From that machine, you can access the server behind the firewall via the SSH tunnel.')).toBe(false);
    expect(holdsShape('name', 'anything', true)).toBe(true);
  });
});

describe('answerability features', () => {
  it('flags a port question whose best sentence holds no number', () => {
    const q = query('xrdp 默认监听的是哪个端口？', ['xrdp', '端口']);
    const ev = ranked(q, ['Xrdp 使用远程桌面协议将图形登录界面展示在远程客户端上。', 'xrdp 监听 3389 端口。'], [0.9, 0.5]);
    const f = answerFeatures(q, ev, undefined, []);
    expect(f.shapeAsked).toBe(1);
    expect(f.shapeMissing).toBe(1);
    const g = answerFeatures(q, [ev[1], ev[0]], undefined, []);
    expect(g.shapeMissing).toBe(0);
  });
  it('counts no sentence as a rival of an expansion that does not say what the abbreviation stands for', () => {
    const q: AnalyzedQuery = { ...query('DKMS 全称', ['dkms']), answerType: 'expansion' };
    const texts = ['We prefer the DKMS framework (Dynamic Kernel Module Support).', 'DKMS rebuilds the modules.', 'Install DKMS first.'];
    const f = answerFeatures(q, ranked(q, texts, [1.1, 1.0, 1.0]), undefined, []);
    expect(f.runnerUpAsGood).toBe(0);
    expect(f.leadOverNext5).toBe(1); // no rival left: it leads by its whole score, as a single candidate does
    // A number asked: a sentence without one still counts (too loose a check to rule a rival out).
    const n: AnalyzedQuery = { ...query('DKMS 有多少个模块?', ['dkms']), answerType: 'number' };
    expect(answerFeatures(n, ranked(n, ['DKMS builds 3 modules.', 'DKMS rebuilds the modules.'], [1.1, 1.0]), undefined, []).runnerUpAsGood).toBe(1);
  });
  it('reads a question kind in traditional characters as in simplified ones', () => {
    expect(kindOf('為什麼要先關機？')?.name).toBe('why');
    expect(kindOf('為什麼要先關機？')?.name).toBe(kindOf('为什么要先关机？')?.name);
    expect(kindOf('為甚麼要先關機？')?.name).toBe('why');
  });
  it('counts no sentence the answer quotes with the best one (what completes it) as its rival', () => {
    const q = query('How do I print the metadata?', ['print', 'metadata']);
    const texts = ['Sufficiently modern readelf can print the metadata:', '$ readelf -n ./python  # print metadata', 'Other tools print other things.'];
    const ev = ranked(q, texts, [1.0, 1.0, 0.2]);
    expect(answerFeatures(q, ev, undefined, []).runnerUpAsGood).toBe(1);
    const completing = [{ text: texts[1], code: true }];
    const f = answerFeatures(q, ev, undefined, [], completing);
    expect(f.runnerUpAsGood).toBe(0);
    expect(f.margin).toBeGreaterThan(0);
    // Only the completing sentences: a rival whose text merely occurs inside the quote (a short heading) stays a rival.
    const heading = ranked(q, [texts[0], 'print the metadata', texts[2]], [1.0, 1.0, 0.2]);
    expect(answerFeatures(q, heading, undefined, [], completing).runnerUpAsGood).toBe(1);
  });
  it('measures the heaviest question word no retrieved sentence says', () => {
    const q: AnalyzedQuery = {
      text: 'fcitx5 里怎么添加五笔输入法?',
      answerType: 'other',
      terms: [
        { term: 'fcitx5', weight: 4, origin: 'question' },
        { term: '五笔', weight: 2, origin: 'question' },
        { term: '输入法', weight: 1, origin: 'question' },
      ],
    };
    const ev = ranked(q, ['对于中文，"fcitx5" 可以是一个替代的输入法框架。', '输入法可以用快捷键切换。'], [0.8, 0.4]);
    expect(absentEverywhere(q, ev)).toBeCloseTo(0.5);
    expect(answerFeatures(q, ev, undefined, []).absentEverywhere).toBeCloseTo(0.5);
    const withIt = ranked(q, ['对于中文，"fcitx5" 可以是一个替代的输入法框架。', '五笔是一种字形输入法。'], [0.8, 0.4]);
    expect(absentEverywhere(q, withIt)).toBe(0);
    expect(answerFeatures(q, withIt, undefined, []).absentEverywhere).toBe(0);
  });
  it("reads the fitted ranking model's probability of the best sentence and its lead, and 0 without a model", () => {
    const q = query('ldaps port', ['ldaps', 'port']);
    const ev = ranked(q, ['ldaps uses port 636.', 'ldaps port 636 again.', 'ldaps uses port 636.'], [0.5, 0.9, 0.4]);
    expect(answerFeatures(q, ev, undefined, []).rankProbability).toBe(0);
    expect(answerFeatures(q, ev, undefined, []).rankMargin).toBe(0);
    // The model's order: the first sentence best; the runner-up is the next distinct text, not the repeat of the best.
    const byModel = ev.map((e, i) => ({ ...e, rankProbability: [0.7, 0.25, 0.65][i] }));
    const f = answerFeatures(q, byModel, undefined, []);
    expect(f.rankProbability).toBeCloseTo(0.7);
    expect(f.rankMargin).toBeCloseTo(0.45);
  });
  it('compares the best sentence with the runner-up and counts near ties', () => {
    const q = query('ldaps port', ['ldaps', 'port']);
    const ev = ranked(q, ['|libpam-ldap |V:1, |241 |LDAP port module |', 'ldaps uses port 636.', 'ldaps port 636 again.'], [0.9, 0.88, 0.2]);
    const f = answerFeatures(q, ev, undefined, []);
    expect(f.tableRow).toBe(1);
    expect(f.runnerUpAsGood).toBe(1);
    expect(f.coverageLead).toBe(0);
    expect(f.nearTies).toBeCloseTo(1 / 5);
    expect(f.bestScore).toBeCloseTo(0.9);
    expect(f.leadOverNext5).toBeCloseTo(0.9 - (0.88 + 0.2) / 2);
    const alone = answerFeatures(q, [ev[1]], undefined, []);
    expect(alone.runnerUpAsGood).toBe(0);
    expect(alone.coverageLead).toBeCloseTo(alone.coverage);
    expect(alone.tableRow).toBe(0);
  });
});

describe('the decision judges what the answer quotes', () => {
  it('finds the asked value, the kind cue and the asked shape in the sentences that complete the best one', () => {
    const q: AnalyzedQuery = { ...query('What is the default limit on journal files?', ['default', 'limit', 'journal']), answerType: 'number' };
    const ev = ranked(q, ['The limit applies to journal files.'], [1]);
    const alone = answerFeatures(q, ev, undefined, []);
    expect(alone.valueMissing).toBe(1);
    const completed = answerFeatures(q, ev, undefined, [], [{ text: 'The default is 100 files.', code: false }]);
    expect(completed.valueMissing).toBe(0);
    expect(completed['valueMissing*coverage']).toBe(0);
    const port = query('What port does LDAPS use?', ['ldaps', 'port']);
    const portEv = ranked(port, ['LDAPS is LDAP over TLS.'], [1]);
    expect(answerFeatures(port, portEv, undefined, []).shapeMissing).toBe(1);
    expect(answerFeatures(port, portEv, undefined, [], [{ text: 'It listens on 636.', code: false }]).shapeMissing).toBe(0);
  });
});

describe("a kind's answer cue", () => {
  it('is asked of prose, not of a table row: the row says what each cell is by its column, not by phrasing', () => {
    const q = query('What is the netcat package described as?', ['netcat', 'packag', 'describ']);
    const kind = kindOf(q.text);
    expect(kind?.name).toBe('what-is');
    const row = '|netcat |I:37 |16 |TCP/IP |TCP/IP swiss army knife |';
    const asProse = scoreEvidence(q, [sentence(1, row)]);
    const asRow = scoreEvidence(q, [sentence(1, row, { table: { header: ['package', 'popcon', 'size', 'protocol', 'description'], cells: ['netcat', 'I:37', '16', 'TCP/IP', 'TCP/IP swiss army knife'] } })]);
    expect(answerFeatures(q, asProse, kind, []).kindCueMissing).toBe(1);
    expect(answerFeatures(q, asRow, kind, []).kindCueMissing).toBe(0);
  });
});

describe('the sentence quoted in front of the best one', () => {
  it('is no rival: the best sentence takes its subject from it and the answer quotes it', () => {
    const q = query('Which file should contain only the widget hostname?', ['file', 'contain', 'widget', 'hostnam']);
    const texts = ['The widgetd service reads the widget hostname file, which must contain only names.', 'This file should contain only the widget hostname.'];
    const [previous, best] = ranked(q, texts, [0.9, 1.0]);
    expect(answerFeatures(q, [best, previous], undefined, []).runnerUpAsGood).toBe(1);
    const f = answerFeatures(q, [best, previous], undefined, [], [], previous.candidate);
    expect(f.runnerUpAsGood).toBe(0);
    expect(f.nearTies).toBe(0);
    // Only a rival: what it says is not read as the answer's (its path would not make the asked shape present).
    const withPath = ranked(q, ['The widgetd service reads "/etc/widgetname" at boot.', texts[1]], [0.9, 1.0]);
    expect(answerFeatures(q, [withPath[1], withPath[0]], undefined, [], [], withPath[0].candidate).shapeMissing).toBe(1);
  });
  it('is the one the generator passes when the best sentence uses the sentence before', async () => {
    const { createExtractiveGenerator } = await import('../../server/generators/extractive/extractive-generator.js');
    const { ALWAYS_ANSWER, manualLine, queryOf } = await import('../helpers/candidates.js');
    // Manual-style text written for this test: the second sentence is the best match and borrows "boot" from the first.
    const lines = [
      manualLine(1, 'The widgetd service sets the widget hostname at boot from a file.'),
      manualLine(2, 'This file should contain only the widget hostname, not a domain name.'),
    ];
    const question = 'Which file should contain only the widget hostname read at boot?';
    let features: Record<string, number> | undefined;
    const generator = createExtractiveGenerator({ model: ALWAYS_ANSWER, onDecision: (d) => (features = d.features) });
    await generator.generate({ question, history: [], query: queryOf(question, ['file', 'contain', 'widget', 'hostname', 'boot']), candidates: lines });
    expect(features?.usesPrevious).toBe(1);
    expect(features?.runnerUpAsGood).toBe(0);
    expect(features?.leadOverNext5).toBe(1); // no rival left: it leads by its whole score
  });
});
