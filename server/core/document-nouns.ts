/**
 * Nouns that name a document itself ("this article", 这份手册, "the socket programming HOWTO"): a question about its
 * date or its author names it with one of these. One list for both (document-date.ts, document-author.ts).
 */
export const DOCUMENT_NOUNS_ZH = ['文章', '稿子', '稿件', '报道', '文档', '新闻', '手册', '指南', '教程', '页面', '网页'];
export const DOCUMENT_NOUNS_EN = ['article', 'document', 'page', 'post', 'story', 'report', 'piece', 'manual', 'guide', 'howto', 'tutorial', 'handbook'];

/**
 * Nouns that name a part of a document, or the document ("in the table", "this section", "the manual says", 本节,
 * 这张表格): a question points into the documents with them (document-references.ts reads where they are references).
 * Not page, post, story, report, piece: as often what a question is about ("why does the page show a blank screen?").
 */
export const DOCUMENT_PARTS_ZH = ['小节', '章节', '节', '章', '段落', '表格', '列表'];
export const DOCUMENT_PARTS_EN = ['section', 'chapter', 'paragraph', 'passage', 'excerpt', 'table', 'list', 'article', 'document', 'documentation', 'manual', 'guide', 'tutorial', 'handbook'];
