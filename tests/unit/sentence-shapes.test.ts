import { describe, expect, it } from 'vitest';
import { ANNOUNCES, isIndentedBlock } from '../../server/core/sentence-shapes.js';

describe('indented code blocks', () => {
  it('a line indented deeper than the text before it is code; prose indented like its neighbours is not', () => {
    const pandoc = 'The actual configuration process is started with\n\n    dpkg-reconfigure --force uif debian-edu-router\n';
    expect(isIndentedBlock(pandoc, pandoc.indexOf('dpkg'))).toBe(true);
    expect(isIndentedBlock(pandoc, 0)).toBe(false);
    const manual = '    Body text of a manual that indents all its prose.\n\n    More body text.\n\n        $ dmesg -n3\n';
    expect(isIndentedBlock(manual, manual.indexOf('More'))).toBe(false);
    expect(isIndentedBlock(manual, manual.indexOf('$ dmesg'))).toBe(true);
  });
});

describe('sentences that announce what follows', () => {
  it.each([
    ['Resetting the password is relatively easy with following steps.', true],
    ['Install it as follows:', true],
    ['步骤如下。', true],
    ['执行以下命令：', true],
    ['以下是清除文件内容的正确方法。', true],
    ['下面的命令创建样子文件或空文件。', true],
    ['The following is the safe way to clear the contents of the file.', true],
    ['The following commands are equivalent.', true],
    ['The following is the content of /etc/apt/sources.list.', true],
    ['下面的操作，导出两个源文件的不同.', true],
    ['每一个 XML 文件使用下面的标准 XML 声明开始。', true],
    ['你可以用下面的命令安装这些包。', true],
    ['XML 里面的注释部分，是按下面的方式标记。', true],
    ['e2fsprogs 包提供下面的工具。', true],
    ['把配置文件放在 /etc 下面。', false],
    ['文件放在 /etc 下面的目录中。', false],
    ['中央 C 下面的一个小八度。', false],
    ['参见下面的内存管理。', false],
    ['如下面的示例所示。', false],
    ['(如果下面的设置允许备份)。', false],
    ['我们在下面的章节里详细介绍。', false],
    ['The following day is a holiday.', false],
    ['The following release is expected in 2025.', false],
    ['The following day it rained a lot today.', false],
    ['这是以下是非题的一部分。', false],
    ['It ends here.', false],
  ])('%s → %s', (text, announces) => {
    expect(ANNOUNCES.test(text)).toBe(announces);
  });
});
