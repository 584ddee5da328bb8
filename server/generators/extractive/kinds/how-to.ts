import type { QuestionKind } from './question-kind.js';

// Asking for a procedure: "怎么/如何…", "用什么命令", "哪些步骤", "how do I…", "what command…", and the
// procedural verbs of a how-to put as a what/where question ("what should I run?", "where do I change…?",
// "执行什么?", "改哪里?", "用什么工具?").
const ASKS =
  /怎么|怎样|如何|用什么(?:命令|工具|程序|软件|快捷键|方法|办法)|什么命令|步骤|方法|办法|(?:执行|运行|输入|安装|装|改|设置|配置)(?:什么|哪里|哪儿|哪个|哪一行)|\bhow (?:do|can|should|to|does)\b|\bhow\b.*\?|what command|which command|steps? to|\bwhat (?:do|should|can|must) (?:i|we|you) (?:do|check|change|run|type|install|set|edit|use|add)\b|\bwhere (?:do|should|can|must) (?:i|we|you) (?:change|set|configure|edit|put|add)\b|\bwith what\b|\bwhat(?:'s| is) the (?:command|tool)\b/i;

export const howTo: QuestionKind = {
  name: 'how-to',
  asks: ASKS,
  answerCue: /运行|执行|使用|输入|命令|编辑|安装|设置|配置|点击|选择|\$ |\/|\b(?:run|runs|running|uses?|used|using|type|edit|editing|install|installing|set|setting|configure|click|select|execute|commands?)\b/i,
};
