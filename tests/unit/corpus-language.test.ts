import { describe, expect, it } from 'vitest';
import { corpusLanguage, isTranslated, writtenIn } from '../../server/core/corpus-language.js';
import { mainlyHan } from '../../server/shared/text/char-classes.js';
import { languageOf } from '../../server/generators/extractive/language/index.js';
import type { LoadedIndex } from '../../server/shared/index-format/loaded-index.js';

const corpus = (...texts: string[]) => ({ documents: texts.map((text) => ({ text })) }) as unknown as LoadedIndex;

describe('corpusLanguage', () => {
  it('is Chinese for a Chinese manual full of English commands and untranslated passages', () => {
    const manual = [
      '安装完成后，用下面的命令更新软件包列表：',
      '# apt-get update && apt-get dist-upgrade --with-new-pkgs --auto-remove',
      '主服务器的默认 IP 地址是 10.0.0.1。',
      'These ISO images are approximately 7.5 GB large and can be used for installations.',
      '详情请参见 Debian Edu 手册的相关章节。',
    ].join('\n');
    expect(corpusLanguage(corpus(manual))).toBe('Chinese');
  });

  it('judges by prose: code blocks, shell lines and indented blocks are in Latin script whatever the language', () => {
    const prose = ['要让服务开机启动，运行下面的命令：', '服务的配置文件如下：', '修改后重新启动服务即可。'];
    const code = ['[Unit]', 'Description=Example daemon', 'After=network.target', '[Service]', 'ExecStart=/usr/sbin/exampled -f', 'Restart=always'];
    const text = [prose[0], '# systemctl enable exampled', prose[1], ...code, prose[2]].join('\n');
    const start = text.indexOf(code[0]);
    const marked = { documents: [{ text, codeBlocks: [{ start, end: start + code.join('\n').length }] }] } as unknown as LoadedIndex;
    expect(corpusLanguage(marked)).toBe('Chinese');
    // Unmarked, the configuration lines outnumber the prose.
    expect(corpusLanguage(corpus(text))).toBeUndefined();
    // Shell lines count no more: two Chinese prose lines against two English commands and one English line.
    const shell = [prose[0], '# systemctl enable exampled', '$ systemctl start exampled', 'Then reboot.', prose[2]].join('\n');
    expect(corpusLanguage(corpus(shell))).toBe('Chinese');
    // "# 标题" in a Chinese text file is a heading, counted as the Chinese line it is.
    expect(corpusLanguage(corpus(['# 安装', 'Install it.', 'Then reboot.', '# 配置'].join('\n')))).toBeUndefined();
    expect(corpusLanguage(corpus(['# 安装', 'Install it.', '# 配置'].join('\n')))).toBe('Chinese');
    // An indented command counts no more than a marked one: two Chinese lines of three prose lines.
    expect(corpusLanguage(corpus([prose[0], '    systemctl enable exampled', 'Then reboot.', prose[2]].join('\n')))).toBe('Chinese');
    expect(corpusLanguage(corpus([prose[0], 'systemctl enable exampled', 'Then reboot.', prose[2]].join('\n')))).toBeUndefined();
  });

  it('is not Chinese for an English manual that quotes a few Chinese words', () => {
    expect(corpusLanguage(corpus('Install the packages.\nSet the locale to zh_CN (中文).\nReboot the machine.'))).toBeUndefined();
  });
});

describe('the language of a question is its main script', () => {
  it('an English question naming a company in Chinese is English; a Chinese question about a command is Chinese', () => {
    expect(mainlyHan('What was Muxi (沐曦) valued at after its latest funding round?')).toBe(false);
    expect(mainlyHan('Samba 给老客户端默认用的编码怎么改?')).toBe(true);
    expect(mainlyHan('mammoth 里连续两个 Heading 1 段落会被合并进同一个 h1?')).toBe(true);
    expect(mainlyHan('GPU makers')).toBe(false);
  });

  it('decides translation, the LLM rewrite and the refusal language alike', () => {
    const english = "Who is MetaX (沐曦)'s second-largest shareholder?";
    expect(isTranslated(english, 'Chinese')).toBe(true);
    expect(writtenIn(english, 'Chinese')).toBe(false);
    expect(languageOf(english).code).toBe('en');
    expect(isTranslated('LXDE 桌面支持多少种语言?', undefined)).toBe(true);
    expect(isTranslated('摩尔线程有多少名员工?', 'Chinese')).toBe(false);
    expect(languageOf('摩尔线程有多少名员工?').code).toBe('zh');
  });
});
