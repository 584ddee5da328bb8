import { describe, expect, it } from 'vitest';
import { askedMeasure, detectAnswerType, satisfiesAnswerType } from '../../server/core/answer-type.js';
import type { AnalyzedQuery } from '../../server/core/types.js';

const q = (text: string, terms: AnalyzedQuery['terms'] = []) => ({ text, terms, answerType: detectAnswerType(text), measure: askedMeasure(text) });

describe('an English count', () => {
  it('is a number before its noun, also when the noun is quoted', () => {
    expect(satisfiesAnswerType(q('How many paint tools come with GIMP?'), 'GIMP includes a set of 10 “paint tools”, which not only paint.')).toBe(true);
    expect(satisfiesAnswerType(q('How many paint tools come with GIMP?'), 'GIMP includes a set of “paint tools”.')).toBe(false);
  });
});

describe('a price or a sum paid asked', () => {
  it('is an amount with its currency, not any number', () => {
    const price = q("How much does Moore Threads' MTT S80 graphics card cost?");
    expect(satisfiesAnswerType(price, '收入占比从 2023 年的 23.67% 下降至 2024 年的 2.48%,参数接近 RTX3060。')).toBe(false);
    expect(satisfiesAnswerType(price, 'The card sells for $199 in the US.')).toBe(true);
    expect(satisfiesAnswerType(q('沐曦最近一次融资之后公司值多少钱?'), '其估值已达 210.71 亿元。')).toBe(true);
    expect(satisfiesAnswerType(q('沐曦最近一次融资之后公司值多少钱?'), '累计经历 8 轮融资。')).toBe(false);
    // Any currency named with 元/币/镑/郎/朗 last.
    expect(satisfiesAnswerType(q('这要花多少钱?'), '会迅速看到另外的 2 百万挪威克朗的花费（大约 165 000 英镑）。')).toBe(true);
    // Not a price asked: a count is a number.
    expect(satisfiesAnswerType(q('融了几轮?'), '累计经历 8 轮融资。')).toBe(true);
  });
});

describe('answer types', () => {
  it('detects what kind of value is asked', () => {
    expect(detectAnswerType('英伟达哪天突破4万亿?')).toBe('date');
    // 排第几 asks a rank; 排第一的是谁 asks who holds one (the window must not stop at another rank's clause).
    expect(detectAnswerType('它到2025年一季度排第几了?')).toBe('ordinal');
    expect(detectAnswerType('2025 年一季度沐曦排第一的客户是谁?')).toBe('person');
    expect(detectAnswerType('沐曦的股东里排第二的是哪位?')).not.toBe('ordinal');
    expect(detectAnswerType('研发人员占比是多少?')).toBe('percent');
    expect(detectAnswerType('累计亏损多少?')).toBe('number');
    expect(detectAnswerType('他担任什么职务?')).toBe('role');
    expect(detectAnswerType('创始人是谁?')).toBe('person');
    expect(detectAnswerType('接近哪款显卡?')).toBe('entity');
    expect(detectAnswerType("What share of Moore Threads' revenue came from AI?")).toBe('percent');
    expect(detectAnswerType("Who is MetaX's second-largest shareholder?")).toBe('person'); // "share" inside a word asks no percentage
    expect(detectAnswerType('What proportion of the staff works in R&D?')).toBe('percent');
    // The verb "share" (after "to", a modal or a pronoun) asks for no percentage; the noun does, however it is placed.
    expect(detectAnswerType('Which package should I install to share files and printers with Apple Macs?')).toBe('entity');
    expect(detectAnswerType('Is it safe to share one TextWrapper instance between threads?')).not.toBe('percent');
    expect(detectAnswerType('How can I share a USB printer?')).not.toBe('percent');
    expect(detectAnswerType('Desktop graphics share of revenue in 2024?')).toBe('percent');
    expect(detectAnswerType('Share files with Macs?')).not.toBe('percent');
    expect(detectAnswerType('Does it share memory between threads?')).not.toBe('percent');
    expect(detectAnswerType('What is in /usr/share/doc/bash?')).not.toBe('percent');
    expect(detectAnswerType('What was the issue price per share?')).not.toBe('percent');
    // "When" before "do"/"does" or a modal asks in what case, not at what time; "when did/was/will/is" still asks a date.
    expect(detectAnswerType('When do I need the -u option with git push?')).not.toBe('date');
    expect(detectAnswerType('When should I call parseAsync instead of parse?')).not.toBe('date');
    expect(detectAnswerType('When did Moore Threads file for its IPO?')).toBe('date');
    expect(detectAnswerType('When will it launch?')).toBe('date');
    expect(detectAnswerType('管理员执行 passwd -e 之后，用户在什么时候必须换密码？')).not.toBe('date');
    // A thing as the subject, or 会/能/才 ("will", "can"), still asks a time; 应收账款 is no 应.
    expect(detectAnswerType('When does the support for Debian 11 end?')).toBe('date');
    expect(detectAnswerType('When should the annual report be filed?')).toBe('date');
    expect(detectAnswerType('摩尔线程什么时候会上市?')).toBe('date');
    expect(detectAnswerType('何时才能完成IPO?')).toBe('date');
    expect(detectAnswerType('什么时候应收账款最高?')).toBe('date');
    // Traditional characters ask as simplified ones do.
    expect(detectAnswerType('摩爾線程是什麼時候成立的？')).toBe('date');
    expect(detectAnswerType('研發人員佔比是多少?')).toBe('percent');
    expect(detectAnswerType('甚麼時候上市？')).toBe('date');
    expect(detectAnswerType('什么时候应该把 --color=always 换成 --color=auto？')).not.toBe('date');
    expect(detectAnswerType('摩尔线程是什么时候成立的？')).toBe('date');
    expect(detectAnswerType('How big was the share of its top five customers?')).toBe('percent');
    expect(detectAnswerType('How do I make a Fraction from a float?')).not.toBe('percent');
  });
  it('reads how big, how far, how old as a measure, not a degree', () => {
    expect(detectAnswerType('这张显卡的显存有多大?')).toBe('number');
    expect(detectAnswerType('安装最少需要多大的内存？')).toBe('number');
    expect(detectAnswerType('How large were the prepayments at the end of Q1?')).toBe('number');
    expect(detectAnswerType('How far apart are the grid lines?')).toBe('number');
    expect(detectAnswerType('出口管制对它的影响有多大?')).toBe('other');
    expect(detectAnswerType('在多大程度上依赖英伟达?')).toBe('other');
    expect(detectAnswerType('DM 的权限有多大？')).toBe('other');
    expect(detectAnswerType('出口管制的影响究竟有多大?')).toBe('other');
    expect(detectAnswerType('How big is the impact of the ban?')).toBe('other');
    expect(detectAnswerType('這個檔案有多長?')).toBe('number');
  });
  it('does not read 多 inside a word as how', () => {
    expect(detectAnswerType('很多大模型公司用的是哪家的 GPU?')).toBe('entity');
    expect(detectAnswerType('Python 的多重继承是什么?')).toBe('entity');
    expect(detectAnswerType('如何配置多远程仓库?')).toBe('other');
  });
  it('asks for no value when a reason is asked, whatever figures the question names', () => {
    expect(detectAnswerType('收入占比为啥从23.67%掉到2.48%?')).toBe('other');
    expect(detectAnswerType('Why did the share fall to 2.48% in 2024?')).toBe('other');
  });

  it('requires the counted measure word', () => {
    expect(askedMeasure('有多少名员工?')).toBe('名');
    expect(satisfiesAnswerType(q('有多少名员工?'), '1126 名员工中')).toBe(true);
    expect(satisfiesAnswerType(q('有多少个股东?'), '股东数量多达 86 个')).toBe(true);
    expect(satisfiesAnswerType(q('有多少名员工?'), '累计经历 8 轮融资')).toBe(false);
  });

  it('does not take a year, an ordinal or a bare percentage as an amount', () => {
    expect(satisfiesAnswerType(q('营业收入是多少?'), '寒武纪 2024 年前 5 大客户销售额合计占年度营业收入的比例也高达 80.74%。')).toBe(false);
    expect(satisfiesAnswerType(q('净利润是多少?'), '归母净利润分别为 - 18.40 亿元')).toBe(true);
    expect(satisfiesAnswerType(q('性能达到H100的多少就算很好?'), '达到 H100 的 70% 就算很好')).toBe(true);
    // English asks a share with "how much of" or "account for" as Chinese does with 占 or 的多少.
    expect(satisfiesAnswerType(q('How much of the revenue did desktop cards account for in 2024?'), '收入占比从 2023 年的 23.67% 下降至 2024 年的 2.48%。')).toBe(true);
    expect(satisfiesAnswerType(q('How much revenue did desktop cards bring in?'), '收入占比从 2023 年的 23.67% 下降至 2024 年的 2.48%。')).toBe(false);
    // A 多少 that counts nothing (a setting, an address) is answered by a bare number; a count needs its measure word.
    expect(satisfiesAnswerType(q('默认 umask 是多少?'), 'Debian Edu 使用的默认值是 002。')).toBe(true);
    expect(satisfiesAnswerType(q('主服务器的 IP 地址是多少?'), '主服务器的地址是 10.0.2.2。')).toBe(true);
    expect(satisfiesAnswerType(q('有多少名员工?'), '地址是 10.0.2.2。')).toBe(false);
    expect(satisfiesAnswerType(q('性能是多少?'), '接近英伟达 H100 的水平')).toBe(false);
    // English writes a setting after a word and a space ("default 80"), and may end the sentence on it ("is 40."): a
    // value, where "H100" is a name. Read on the sentence as written, not its compact form ("default80").
    expect(satisfiesAnswerType(q('How many characters per line?'), 'width (default 80) specifies the desired width')).toBe(true);
    expect(satisfiesAnswerType(q('How many characters at most?'), 'The default is 40.')).toBe(true);
    expect(satisfiesAnswerType(q('How many characters at most?'), 'It is 3.5.1 or later')).toBe(true);
    expect(satisfiesAnswerType(q('How many GPUs?'), 'It is as fast as the H100.')).toBe(false);
    // Not a list's or a section's number, nor part of a name after a hyphen.
    expect(satisfiesAnswerType(q('How many characters at most?'), '1. Open the file.')).toBe(false);
    expect(satisfiesAnswerType(q('端口是多少?'), '3.2. 配置网络')).toBe(false);
    expect(satisfiesAnswerType(q('How many characters at most?'), 'Save it as UTF-8.')).toBe(false);
  });

});

describe('answer type: the question word, not a conjunction or an indefinite', () => {
  it.each([
    ['What option does mount need when the root filesystem is read-only?', 'entity'],
    ['Since when does udev discover hardware?', 'date'],
    // An opening "when" clause another question follows is a conjunction too.
    ['When sorting by size, what is the default order?', 'entity'],
    ['When rebuilding the kernel packages, which command builds only the architecture-independent ones?', 'entity'],
    ['When was the first release, and who made it?', 'date'],
    ['When will it launch, do you know?', 'date'],
    ['是谁说这些公司每年亏十几个亿?', 'person'],
    ['哪几个目录里的临时文件会被清掉?', 'entity'],
    ['沐曦一共融了几轮?', 'number'],
    ['几乎所有公司都亏损吗?', 'other'],
  ])('%s → %s', (q, type) => {
    expect(detectAnswerType(q)).toBe(type);
  });
  it('takes a measure word only from a counting question word', () => {
    expect(askedMeasure('哪几个目录会被清掉?')).toBeUndefined();
    expect(askedMeasure('融了几轮?')).toBe('轮');
  });
});

describe('English values carry no Chinese measure word', () => {
  it('a number before its noun is a count, a year or a month and day is a date (sentences are matched without spaces)', () => {
    const compact = (s: string) => s.toLowerCase().replace(/\s+/g, '');
    expect(satisfiesAnswerType(q('How many people does Acme employ?'), compact('The company employs 85 people.'))).toBe(true);
    expect(satisfiesAnswerType(q('How much space does the image take?'), compact('It is approximately 7.5 GB large.'))).toBe(true);
    expect(satisfiesAnswerType(q('How many people does Acme employ?'), compact('Acme was founded in 1998.'))).toBe(false);
    expect(satisfiesAnswerType(q('When did it open a second factory?'), compact('It opened a second factory in 2021.'))).toBe(true);
    expect(satisfiesAnswerType(q('When was it released?'), compact('It was released on June 10.'))).toBe(true);
    expect(satisfiesAnswerType(q('When did it open a second factory?'), compact('It opened a second factory.'))).toBe(false);
  });
});

describe('durations', () => {
  it('多久 / how long asks a length of time, which a year does not give', () => {
    expect(detectAnswerType('fail2ban 默认把一个 IP 封禁多长时间?')).toBe('duration');
    expect(detectAnswerType('How long does Munin take to start monitoring?')).toBe('duration');
    const compact = (s: string) => s.toLowerCase().replace(/\s+/g, '');
    expect(satisfiesAnswerType(q('How long does it take?'), compact('It will normally take one day from a machine being installed.'))).toBe(true);
    expect(satisfiesAnswerType(q('封禁多长时间?'), '默认封禁 10 分钟。')).toBe(true);
    expect(satisfiesAnswerType(q('封禁多长时间?'), '2024 年发布的版本。')).toBe(false);
  });

  it('how often / 多久一次 is answered by a frequency', () => {
    expect(detectAnswerType('How often does AIDE check the system?')).toBe('duration');
    expect(satisfiesAnswerType(q('logcheck 默认隔多长时间检查一次日志文件？'), 'logcheck 程序默认每小时监视日志文件')).toBe(true);
    expect(satisfiesAnswerType(q('例会一般多久开一次？'), '例如每季度或每学期')).toBe(true);
    expect(satisfiesAnswerType(q('稳定版多久更新一次？'), '稳定版只会每两个月更新一次')).toBe(true);
    expect(satisfiesAnswerType(q('How often does AIDE check the system?'), 'then daily (through /etc/cron.daily/aide)')).toBe(true);
    expect(satisfiesAnswerType(q('How often is it shown?'), 'The average is updated every 5 seconds.')).toBe(true);
    expect(satisfiesAnswerType(q('How often are key updates processed?'), 'They are processed at least once a month.')).toBe(true);
    // A frequency answers how often, not how long.
    expect(satisfiesAnswerType(q('备份要花多长时间?'), '每天备份一次。')).toBe(false);
    expect(satisfiesAnswerType(q('How long does the backup take?'), 'Backups run daily.')).toBe(false);
    expect(satisfiesAnswerType(q('How long does it wait?'), 'It waits n*24  hours  before.')).toBe(true);
    // 每 before a noun that is no unit of time is "each", not a frequency.
    expect(satisfiesAnswerType(q('logcheck 默认多久扫一次日志？'), '每个用户都有一个目录')).toBe(false);
    expect(satisfiesAnswerType(q('How often does it run?'), 'Everything is configured in one file.')).toBe(false);
  });
});

describe('a share', () => {
  it('is asked with 占 + 多少, not with 占用 (to take up)', () => {
    expect(detectAnswerType('研发人员占员工总数的多少?')).toBe('percent');
    expect(detectAnswerType('在 top 里怎样让进程按占用内存多少来排列？')).not.toBe('percent');
    expect(detectAnswerType('寒武纪的市场占有率是多少?')).toBe('percent');
    expect(detectAnswerType('英伟达占据了全球 GPU 市场的多少?')).toBe('percent');
    // 占 and 多少 in two clauses of the question are no share asked.
    expect(detectAnswerType('它占了一个端口，能同时连多少个客户端？')).not.toBe('percent');
  });
});

describe('a port asked', () => {
  it('is a number: which or what port, a port number, 哪个端口', () => {
    expect(detectAnswerType('Which TCP port does the X server use for remote connections?')).toBe('number');
    expect(detectAnswerType('What port does sshd listen on by default?')).toBe('number');
    expect(detectAnswerType('What is the port number of the approx server?')).toBe('number');
    expect(detectAnswerType('X 服务端默认监听的是哪个 TCP 端口？')).toBe('number');
    expect(detectAnswerType('rsync 连接的是什么端口？')).toBe('number');
    expect(detectAnswerType('What is the default SSH port?')).toBe('number');
    expect(detectAnswerType('Which HTTPS port is used?')).toBe('number');
    expect(detectAnswerType('Bacula 服务器端默认监听哪个网络端口？')).toBe('number');
  });

  it('is no number where the port is a socket to plug into or a platform ported to, nor where "port number" is not what is asked', () => {
    expect(detectAnswerType('Which port does the Ethernet cable plug into?')).not.toBe('number');
    expect(detectAnswerType('What port does the serial console use?')).not.toBe('number');
    expect(detectAnswerType('哪个端口是串口?')).not.toBe('number');
    expect(detectAnswerType('What port of GIMP is for Windows?')).not.toBe('number');
    expect(detectAnswerType('Who assigned the port number?')).toBe('person');
    expect(detectAnswerType('How do I change the SSH port number?')).not.toBe('number');
    expect(detectAnswerType('Which config file sets the port number Apache listens on?')).not.toBe('number');
    expect(detectAnswerType('What port mapping does docker use?')).not.toBe('number');
    expect(detectAnswerType('什么 端口 扫描工具好?')).not.toBe('number');
  });

  it('is no number where the port names a practice or the question asks for options', () => {
    expect(detectAnswerType('Which port forwarding option does ssh use?')).not.toBe('number');
    expect(detectAnswerType('What netstat options show only TCP listening ports?')).not.toBe('number');
    expect(detectAnswerType('哪个端口转发选项最常用？')).not.toBe('number');
  });
});

describe('a named thing asked before an amount', () => {
  it('asks for the thing: the amount is what it does ("which command shows how much time…")', () => {
    expect(detectAnswerType('Under systemd, which command shows how much time each initialization step took during boot?')).toBe('entity');
    expect(detectAnswerType('Which make option sets how many jobs run in parallel?')).toBe('entity');
    expect(detectAnswerType('用什么命令查看有多少个文件?')).toBe('entity');
    expect(detectAnswerType('Which of the options sets how many jobs run?')).toBe('entity');
    expect(detectAnswerType('What kind of tool reports how much disk space is used?')).toBe('entity');
    // Not across a clause, not a "what" a verb governs, not 方法 (a way): the amount is asked.
    expect(detectAnswerType('Which command is it, and how many options does it have?')).toBe('number');
    expect(detectAnswerType('I know what tool to use; how many times should I run it?')).toBe('number');
    expect(detectAnswerType('Explain what the command does and how long it takes.')).toBe('duration');
    expect(detectAnswerType('这个工具是什么程序,有多少行代码?')).toBe('number');
    expect(detectAnswerType('用什么方法可以知道多少人在线?')).toBe('number');
    // The amount asked of the thing itself stays one.
    expect(detectAnswerType('How many jobs does the make option -j run?')).toBe('number');
    expect(detectAnswerType('这个命令有多少个选项?')).toBe('number');
  });
});
