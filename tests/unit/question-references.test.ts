import { describe, expect, it } from 'vitest';
import { documentReferences } from '../../server/core/document-references.js';
import { nameAnswered, namedThings, resolveOrdinalReference } from '../../server/core/ordinal-reference.js';
import { ASKS_WHICH_ONE } from '../../server/core/question-words.js';
import { contentTerms, resolveQuestion, type TermStats } from '../../server/core/query-analysis.js';
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

  it('reads "this section" alone as a reference, and traditional characters as simplified', () => {
    expect(references('What is this section about?')).toEqual(['section']);
    expect(references('本節提醒說什麼')).toEqual(['本', '节']);
    expect(references('這張表格裡有哪些軟件包')).toEqual(['表格', '这张']);
  });

  it('reads "in the table of contents", "in the Guide for…" and "drop this table" as content', () => {
    expect(references('What is in the table of contents?')).toEqual([]);
    expect(references("What is in the table's header?")).toEqual([]);
    expect(references('What is in the Guide for Debian Maintainers?')).toEqual([]);
    expect(references('How do I drop this table?')).toEqual([]);
    expect(references('Why does the page show a blank screen?')).toEqual([]);
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

  it('reads a part named by words before it as a reference where the phrase ends the clause, the naming words as content', () => {
    expect(references('How big is the qemu-user package according to the virtualization tools table?')).toEqual(['accord', 'tabl']);
    expect(references('What does "MCM" mean in the font table?')).toEqual(['tabl']);
    expect(references('Which of the shells in the Debian shell table are marked as not being POSIX shells?')).toEqual(['tabl']);
    // A column of a table is a part of it, and so is the table it belongs to.
    expect(references('How large is the cppcheck-gui package according to the size column of the table?')).toEqual(['accord', 'column', 'tabl']);
    // Not where the clause goes on: the verb "list", bash's history list, a function word between.
    expect(references('Which files in the debian archive list every file shipped in each package?')).toEqual([]);
    expect(references('How many commands does bash keep in the history list by default?')).toEqual([]);
    expect(references('What is in the table of contents?')).toEqual([]);
    expect(references('Is it in the way the table?')).toEqual([]);
    // A named list is as often the thing asked about; a column only as a table's, or what the answer is according to.
    expect(references('Which users are in the sudoers list?')).toEqual([]);
    expect(references('How do I sum the values in the column?')).toEqual([]);
    expect(references('What did she write in the weekly column?')).toEqual([]);
    expect(references('How do I rename this column?')).toEqual([]);
    expect(references('How do I get the column list?')).toEqual([]);
    expect(references('How big is the stunnel4 package according to the size column?')).toEqual(['accord', 'column']);
    // A capitalised noun is a title's; a full stop ends the phrase.
    expect(references('How big is it in the size column of the Table?')).toEqual([]);
    expect(references('Look in the docs. Package list?')).toEqual([]);
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

  it('reads "the former/latter" after do or a modal as a subject, whatever the verb; 目前一个 is no 前一个; two positions are none', () => {
    const listed = 'Should I use xz-utils or bzip2?';
    expect(resolveOrdinalReference('Does the latter work on ARM?', listed, undefined)).toBe('Does bzip2 work on ARM?');
    expect(resolveOrdinalReference('And the latter one of them?', listed, undefined)).toBe('And bzip2?');
    expect(resolveOrdinalReference('Which is faster, the former or the latter?', listed, undefined)).toBeUndefined();
    expect(resolveOrdinalReference('目前一个都不支持吗？', 'libnss-ldap 和 libnss-ldapd 哪个更新？', undefined)).toBeUndefined();
    expect(resolveOrdinalReference('後者呢？', 'libnss-ldap 和 libnss-ldapd 哪个更新？', undefined)).toBe('libnss-ldapd呢？');
  });

  it('picks nothing when a listed member is no name (the positions would shift), and reads verbs joined as no list', () => {
    expect(resolveOrdinalReference('And the first one?', 'Should I use gzip, xz-utils or bzip2?', undefined)).toBeUndefined();
    expect(resolveOrdinalReference('前者呢？', 'gzip、xz-utils 和 bzip2 哪个快？', undefined)).toBeUndefined();
    // "install and configure" joins verbs, 参与 holds 与: the answer's names are what is picked from.
    expect(resolveOrdinalReference('What does the latter do?', 'How do I install and configure LDAP?', 'Install libnss-ldapd and nslcd-utils.')).toBe('What does nslcd-utils do?');
    expect(resolveOrdinalReference('后者是做什么的？', '哪些工具参与了名字解析？', '主要是 libnss-ldapd 和 nslcd-utils。')).toBe('nslcd-utils是做什么的？');
    // Names the question asked are left out whole: "LDAP" asked does not hide libnss-ldapd.
    expect(resolveOrdinalReference('And the first one?', 'How do I set up LDAP?', 'Install libnss-ldapd or libnss-ldap, then LDAP.')).toBe('And libnss-ldapd?');
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
    expect(namedThings('Yes. Use e.g. the built-in tool, i.e. the well-known one, a.k.a. the default.')).toEqual([]);
    expect(namedThings('Both Red Hat Enterprise Linux and Ubuntu Server do.')).toEqual(['Red Hat Enterprise Linux', 'Ubuntu Server']);
    // Listed: side by side, only a connective between (NSS is named, not listed with them; the serial comma counts).
    expect(namedThings('Is libnss-ldap or libnss-ldapd newer, and what about NSS?', true)).toEqual(['libnss-ldap', 'libnss-ldapd']);
    expect(namedThings('Which of xz-utils, bzip2, and zstd-1.5 is fastest?', true)).toEqual(['xz-utils', 'bzip2', 'zstd-1.5']);
  });
});

describe('a follow-up with "the latter", 后者 resolved (query-analysis.ts resolveQuestion)', () => {
  const stats: TermStats = { chunkCount: 10, documentFrequency: () => 1, idf: () => 2 };
  const turn = (q: string, a: string) => [
    { role: 'user' as const, content: q },
    { role: 'assistant' as const, content: a },
  ];
  const own = (q: ReturnType<typeof resolveQuestion>) => q.terms.filter((t) => t.origin === 'question').map((t) => t.term);

  it('asks about the thing picked, the one not picked only as context', () => {
    const zh = turn('libnss-ldap 和 libnss-ldapd 哪个更新？', 'libnss-ldapd 是 libnss-ldap 的一个较新的 fork。');
    const q1 = resolveQuestion('后者的其他选项在哪里？', zh, stats);
    expect(own(q1)).toContain('libnss-ldapd');
    expect(own(q1)).not.toContain('libnss-ldap');
    const q2 = resolveQuestion('那后者的配置文件呢？', zh, stats);
    expect(own(q2)).toContain('libnss-ldapd');
    expect(own(q2)).toContain('配置文件');
    expect(own(q2)).not.toContain('libnss-ldap');
    const q3 = resolveQuestion('What does the latter do?', turn('Should I use xz-utils or bzip2?', 'Either.'), stats);
    expect(own(q3)).toEqual(['bzip2']);
  });

  it('asks an ellipsis as the previous question asked ("And the latter?" → "And bzip2?")', () => {
    const q = resolveQuestion('And the latter?', turn('How big is xz-utils or bzip2?', 'Either.'), stats);
    expect(own(q)).toEqual(['bzip2']);
    expect(q.answerType).toBe('number');
  });
});

describe('the name an answer gave (ordinal-reference.ts nameAnswered)', () => {
  it('is the first identifier, capitalised run or word the English lexicon lacks that the question did not say', () => {
    expect(nameAnswered('That is ncftp.', 'Which package is the full screen FTP client?')).toBe('ncftp');
    expect(nameAnswered('是 vim-syntastic。', '哪个软件包被称为 vim 的语法检查利器?')).toBe('vim-syntastic');
    expect(nameAnswered('McAfee is named as a particular offender.', 'Which virus scanner slows Python startup?')).toBe('McAfee');
    expect(nameAnswered('uuid.uuid1(node=None, clock_seq=None) does that.', 'Which uuid function uses the time?')).toBe('uuid.uuid1');
    expect(nameAnswered('Moore Threads. It was founded in 2020.', 'Which startup has 86 shareholders?')).toBe('Moore Threads');
    expect(nameAnswered('The answer is in /etc/hosts here.', 'Which file lists host names?')).toBe('/etc/hosts');
  });
  it("not a URL's scheme, an abbreviation, a word the question said (as a whole word), nor a Latin word after a Chinese name", () => {
    expect(nameAnswered('See https://example.org for it.', 'Which site?')).toBeUndefined();
    expect(nameAnswered('e.g. Debian.', 'Which distribution, Debian?')).toBeUndefined();
    expect(nameAnswered('The ftp package.', 'Which package provides the FTP client?')).toBeUndefined();
    expect(nameAnswered('It is ip.', 'Which command ships with iproute2?')).toBe('ip');
    expect(nameAnswered('是摩尔线程,其 GPU 采用 MUSA 架构。', '哪家公司有 86 个股东?')).toBeUndefined();
  });
});

describe('a question asking which one (question-words.ts ASKS_WHICH_ONE)', () => {
  it('opens with which (after a preposition too), or asks 哪 and a measure word', () => {
    for (const q of ['Which package is it?', 'In which file is it set?', '哪个软件包提供 host 命令?', '沐曦的最大客户是哪家公司?']) expect(ASKS_WHICH_ONE.test(q), q).toBe(true);
  });
  it('not a relative which, a how-question, nor several (哪几, 哪些)', () => {
    for (const q of ['What is the option which controls it?', 'How can I find out which process uses it?', '怎么查出是哪个进程在用它?', '哪几种格式?', '哪些软件包?'])
      expect(ASKS_WHICH_ONE.test(q), q).toBe(false);
  });
});

describe('names a question offers to choose from (query-analysis.ts offered)', () => {
  const stats: TermStats = { chunkCount: 10, documentFrequency: () => 1, idf: () => 2 };
  it('two names or numbers joined by or / 还是 / 或: not everyday words', () => {
    expect(resolveQuestion('Which MTA, exim4 or postfix, does Debian install by default?', [], stats).offered).toEqual(['exim4', 'postfix']);
    expect(resolveQuestion('Samba 的 smbd 默认监听哪个端口？445 还是 139？', [], stats).offered).toEqual(['445', '139']);
    expect(resolveQuestion('What do companies do when a GPU falls short on performance or value?', [], stats).offered).toBeUndefined();
    expect(resolveQuestion('Should I use testing or unstable?', [], stats).offered).toBeUndefined();
  });

  it('reads a whole list and dotted numbers whole; not an approximation, not a name the tokenizer cuts in pieces', () => {
    expect(resolveQuestion('Was the option added in version 1.2 or 1.3?', [], stats).offered).toEqual(['1.2', '1.3']);
    expect(resolveQuestion('Does the archive use gzip, bzip2 or xz by default?', [], stats).offered).toEqual(['gzip', 'bzip2', 'xz']);
    expect(resolveQuestion('Is it ext3/ext4 or xfs?', [], stats).offered).toEqual(['ext3', 'ext4', 'xfs']);
    expect(resolveQuestion('Does the kernel use 1 or 2 percent of memory?', [], stats).offered).toBeUndefined();
    expect(resolveQuestion('Does it need v1.2 or v2.0?', [], stats).offered).toBeUndefined();
    expect(resolveQuestion('C++ or Rust?', [], stats).offered).toBeUndefined();
  });

  it('is the question\'s own: a follow-up naming one word does not inherit the previous choice', () => {
    const history = [
      { role: 'user' as const, content: 'Should I use ext4 or btrfs for /home?' },
      { role: 'assistant' as const, content: 'ext4.' },
    ];
    expect(resolveQuestion('xfs?', history, stats).offered).toBeUndefined();
  });
});

describe('a noun naming a description as the kind of answer (作用, 用途, meaning, purpose)', () => {
  const stats: TermStats = { chunkCount: 10, documentFrequency: () => 1, idf: () => 2 };
  const weightOf = (q: string, term: string) => contentTerms(q, stats, 'question').find((t) => t.term === term)?.weight;
  it('weighs as a category does: the sentence that describes seldom says it, a header that does still counts', () => {
    expect(weightOf('logcheck 作用', '作用')).toBeCloseTo(0.4 * weightOf('logcheck 配置', '配置')!);
    expect(weightOf('目录 用途', '用途')).toBeCloseTo(0.4 * weightOf('目录 配置', '配置')!);
    expect(weightOf('FFI meaning', 'mean')).toBeCloseTo(0.4 * weightOf('FFI header', 'header')!);
    expect(weightOf('What is the purpose of FFI?', 'purpos')).toBeCloseTo(0.4 * weightOf('What is the header of FFI?', 'header')!);
    expect(weightOf('What does -s mean?', 'mean')).toBeCloseTo(0.4 * weightOf('What does -s header?', 'header')!);
    // A known category that is one too is reduced once.
    expect(weightOf('logcheck 有什么作用', '作用')).toBeCloseTo(0.4 * weightOf('logcheck 配置', '配置')!);
  });

  it('keeps its weight where it is content: the mean of statistics, numpy.mean, by means of, a purpose key, 作用域', () => {
    const full = weightOf('What is the header of the samples?', 'header')!;
    expect(weightOf('What is the arithmetic mean of the samples?', 'mean')).toBeCloseTo(full);
    expect(weightOf('What does numpy.mean return?', 'mean') ?? full).toBeCloseTo(full);
    expect(weightOf('Files are copied by means of rsync.', 'mean')).toBeCloseTo(full);
    expect(weightOf('What does the purpose key in the config set?', 'purpos')).toBeCloseTo(full);
    expect(weightOf('变量的作用域是什么', '作用域')).toBeCloseTo(weightOf('变量的配置是什么', '配置')!);
  });

  it('is never the focus a sentence must say ("logcheck 的用途是什么")', () => {
    expect(resolveQuestion('logcheck 的用途是什么', [], stats).focus).not.toBe('用途');
  });
});
