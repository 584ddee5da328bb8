import type { QuestionKind } from './question-kind.js';

export const howTo: QuestionKind = {
  name: 'how-to',
  asks: /怎么|怎样|如何|用什么命令|什么命令|步骤|方法|办法|\bhow (?:do|can|should|to|does)\b|\bhow\b.*\?|what command|which command|steps? to/i,
  answerCue: /运行|执行|使用|输入|命令|编辑|安装|设置|配置|点击|选择|\$ |\/|run|use|type|edit|install|set|configure|click|select|execute|command/i,
};
