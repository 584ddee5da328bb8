/**
 * Everyday business vocabulary that questions use for what articles say another way. A lexical
 * matcher cannot know 雇员 means 员工; this small table of general equivalences (not tied to any
 * question) lets the evidence check accept either. Each group is symmetric.
 */
const GROUPS: string[][] = [
  // English and Chinese names of the same company or product.
  ['英伟达', 'nvidia', '辉达'],
  ['沐曦', 'metax'],
  ['摩尔线程', 'moore', 'moorethreads'],
  ['寒武纪', 'cambricon'],
  ['台积电', 'tsmc'],
  ['腾讯', 'tencent'],
  ['阿里', 'alibaba', '阿里巴巴'],
  ['百度', 'baidu'],
  ['华为', 'huawei'],
  ['红杉资本', 'sequoia', '红杉'],
  ['员工', '雇员', '职工', '员工人数', '人员', '员工数'],
  ['创始人', '创办人', '创立者', '创建者', '创始者'],
  ['营收', '营业收入', '收入', '销售收入', '销售额'],
  ['亏损', '亏', '净亏损', '赔钱', '赔', '亏钱'],
  ['净利润', '归母净利润', '利润'],
  ['研发投入', '研发费用', '研发支出'],
  ['股东', '投资方', '投资人', '投资者'],
  ['估值', '估价', '身价'],
  ['客户', '买家', '顾客'],
  ['占比', '比例', '比重', '占'],
  ['上市', 'ipo', '登陆二级市场', '登陆a股', '挂牌'],
  ['显卡', '图形卡'],
  ['芯片', '晶片'],
  ['制程', '工艺'],
  ['薪酬', '工资', '薪资', '报酬'],
  ['融资', '募资', '筹资'],
  ['成立', '创立', '创办', '创建'],
  ['支持', '支撑', '撑腰', '扶持', '背书'],
  ['称作', '称为', '叫作', '叫做', '被称作', '被称为', '作为', '视为', '被视为'],
  ['比作', '如同', '好比', '犹如', '相当于', '类似', '像'],
  ['担任', '任', '曾任', '出任'],
  ['头号', '第1', '首位', '最大'],
  ['之前', '以前', '曾', '曾经', '此前', '原'],
  ['干', '任', '担任', '任职', '工作'],
  ['董监高', '董事、监事及高级管理人员', '高级管理人员', '高管'],
  ['大厂', '大型互联网公司', '大公司', '巨头'],
  ['用', '使用', '采用'],
  ['涨', '增长', '上涨', '飙升', '激增', '增加'],
  ['跌', '下降', '下跌', '降'],
];

const BY_WORD = new Map<string, string[]>();
for (const group of GROUPS) for (const word of group) BY_WORD.set(word, group);

export function synonymsOf(word: string): readonly string[] {
  return BY_WORD.get(word) ?? [word];
}
