import { describe, expect, it } from 'vitest';
import { corpusLanguage } from '../../server/core/corpus-language.js';
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

  it('is not Chinese for an English manual that quotes a few Chinese words', () => {
    expect(corpusLanguage(corpus('Install the packages.\nSet the locale to zh_CN (中文).\nReboot the machine.'))).toBeUndefined();
  });
});
