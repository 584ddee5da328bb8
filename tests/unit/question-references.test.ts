import { describe, expect, it } from 'vitest';
import { documentReferenceWords } from '../../server/core/document-references.js';
import { namedThings, resolveOrdinalReference } from '../../server/core/ordinal-reference.js';
import { contentTerms, type TermStats } from '../../server/core/query-analysis.js';
import { analyzeText } from '../../server/shared/text/tokenizer.js';

const references = (q: string) => [...documentReferenceWords(q, analyzeText(q).words)].sort();

describe('a question pointing into the documents (document-references.ts)', () => {
  it('drops the table, the list, the section and "according to" as references', () => {
    expect(references('Apart from the basic ftp package, which other FTP clients are in the table?')).toEqual(['tabl']);
    expect(references('What does the list say the openssl package gives you?')).toEqual(['list']);
    expect(references('What kinds of things can Audacity import according to the manual?')).toEqual(['accord', 'manual']);
    expect(references('本节提醒说 NSS 这个缩写还可能被理解成别的东西')).toEqual(['本', '节']);
    expect(references('这张表格里有哪些软件包')).toEqual(['表格', '这张']);
  });

  it('keeps a noun that names something with the next one, a title, and jieba words that only contain the noun', () => {
    expect(references('How do I insert a row into the table cell?')).toEqual([]);
    expect(references('How do I open the list search field?')).toEqual([]);
    expect(references('How do I get the Guide for Debian Maintainers onto my machine?')).toEqual([]);
    expect(references('What is the first document I should read?')).toEqual([]);
    // 该节点 is 该 + 节点 (a node), 这表明 is 这 + 表明 (shows): neither points at a section or a table.
    expect(references('这表明该节点在集群里')).toEqual([]);
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
    expect(resolveOrdinalReference('What does it do?', 'Should I use gzip or bzip2?', undefined)).toBeUndefined();
  });

  it('names things as identifiers and capitalised runs, not single everyday or sentence-initial words', () => {
    expect(namedThings('Python 3.10 added the root_dir and dir_fd parameters.')).toEqual(['root_dir', 'dir_fd']);
    expect(namedThings('Wu Quan, founding partner, and Zhang Chi (Xinding Capital).')).toEqual(['Wu Quan', 'Zhang Chi', 'Xinding Capital']);
    // Listed: side by side, only a connective between (NSS is named, not listed with them).
    expect(namedThings('Is libnss-ldap or libnss-ldapd newer, and what about NSS?', true)).toEqual(['libnss-ldap', 'libnss-ldapd']);
    expect(namedThings('Does GPU startups and NPU startups matter?', true)).toEqual([]);
  });
});
