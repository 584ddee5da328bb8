/**
 * Chinese measure words, written once. A Chinese count puts one between the number and the noun ("1126 名员工",
 * "8 轮融资"); a question asks with it ("多少名", "几轮"), and the sentence that answers carries it after its number.
 */

/** The measure words a question asks with after 多少/几 (answer-type.ts askedMeasure). */
export const MEASURE_WORDS = '个名家位轮次项款种类倍';

/**
 * Measure words of people and organisations that answer for one another ("1126 名" answers "多少个员工"). 人
 * counts people after a number ("300 人"); in "多少人" it is the asked noun, not a measure.
 */
export const COUNT_MEASURES = '个名家位人';
