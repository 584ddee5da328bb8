import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../../ingest/formats/extracted-document.js';
import { extractHtml } from '../../ingest/formats/html-format.js';
import { countWords, isNavigation, NavigationCandidates } from '../../ingest/formats/link-density.js';
import { StructuredTextBuilder } from '../../ingest/formats/structured-text.js';

/**
 * Navigation-looking elements (a "sidebar" / "menu" / "toc" class, an <aside>) judged on what they hold:
 * prose kept (DocBook's content boxes, callouts), lists of links dropped, and when dropped, taken back
 * so exactly that the output is the same as for the page without them.
 */

const page = (body: string) => `<!doctype html><html><head><title>Remote Login</title></head><body>${body}</body></html>`;

/** A DocBook (publican) section with one of its "BACK TO BASICS" boxes, as the Debian Handbook writes it. */
const DOCBOOK_SIDEBAR =
  '<div class="sidebar"><div class="titlepage"><div><div><p class="title"><strong><span class="emphasis"><em>BACK TO BASICS</em></span> Client, server</strong></p></div></div></div>' +
  '<a id="id-1.12.5.3.2" class="indexterm"></a><div class="para">A system where several processes communicate with each other is often described with the “client/server” metaphor. ' +
  'VNC uses port 5900 by default for the first screen.</div></div>';
const docbook = (sidebar: string) =>
  page(
    '<div class="section"><div class="titlepage"><h2 class="title"><a id="sect.remote-login"></a>9.2. Remote Login</h2></div>' +
      '<div class="para">It is essential for an administrator to be able to connect to a computer remotely.</div>' +
      sidebar +
      '<div class="section"><div class="titlepage"><h3 class="title">9.2.1. Secure Remote Login: SSH</h3></div>' +
      '<div class="para">The SSH protocol was designed with security and reliability in mind.</div></div></div>',
  );

/** A web site's sidebar: a heading and a list of links. */
const SITE_SIDEBAR =
  '<div class="sidebar"><h3>Related pages</h3><ul><li><a href="/a">Alpha network guide</a></li><li><a href="/b">Beta firewall guide</a></li>' +
  '<li><a href="/c">Gamma tunnel how-to</a></li></ul></div>';

/** Every heading range lies in the text, in order, without overlap, and starts with its own heading. */
function expectExactRanges(doc: ExtractedDocument): void {
  let previousEnd = 0;
  for (const h of doc.headings) {
    expect(h.start).toBeGreaterThanOrEqual(previousEnd);
    expect(h.end).toBeGreaterThan(h.start);
    expect(h.end).toBeLessThanOrEqual(doc.text.length);
    expect(doc.text.slice(h.start, h.end).startsWith(h.path[h.path.length - 1])).toBe(true);
    previousEnd = h.end;
  }
}

const pathAt = (doc: ExtractedDocument, needle: string) => {
  const at = doc.text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return doc.headings.find((h) => h.start <= at && at < h.end)?.path;
};

describe('HTML navigation-looking elements', () => {
  it('keeps a heading whose text is a "toc-backref" link (Sphinx FAQ pages), with its section path', () => {
    const doc = extractHtml(
      page(
        '<h1><a class="toc-backref" href="#id1" role="doc-backlink">Python on Windows FAQ</a><a class="headerlink" href="#top">¶</a></h1>' +
          '<h2><a class="toc-backref" href="#id2" role="doc-backlink">How do I make Python scripts executable?</a>' +
          '<a class="headerlink" href="#how">¶</a></h2><p>The installer associates the .py extension with a file type.</p>',
      ),
    );
    expect(doc.text).toContain('How do I make Python scripts executable?\n\nThe installer associates');
    expect(doc.text).not.toContain('¶');
    expect(pathAt(doc, 'The installer')).toEqual(['Python on Windows FAQ', 'How do I make Python scripts executable?']);
    expectExactRanges(doc);
  });

  it('drops a contents box that carries the back-link role itself: only a link is a heading\'s back-link', () => {
    const links = '<a href="#a">Alpha network guide</a> <a href="#b">Beta firewall guide</a> <a href="#c">Gamma tunnel how-to</a>';
    const doc = extractHtml(page(`<div class="toc" role="doc-backlink">${links}</div><h1>Guide</h1><p>The text itself.</p>`));
    expect(doc.text).not.toContain('Alpha network guide');
    expect(doc.text).toContain('The text itself.');
  });

  it('keeps a DocBook sidebar box of prose, under the section it sits in', () => {
    const doc = extractHtml(docbook(DOCBOOK_SIDEBAR));
    expect(doc.text).toContain('BACK TO BASICS Client, server\n\nA system where several processes communicate');
    expect(doc.text).toContain('VNC uses port 5900 by default for the first screen.');
    expect(pathAt(doc, 'VNC uses port 5900')).toEqual(['9.2. Remote Login']);
    expect(pathAt(doc, 'The SSH protocol')).toEqual(['9.2. Remote Login', '9.2.1. Secure Remote Login: SSH']);
    expectExactRanges(doc);
  });

  it('drops a site sidebar of links, and the output is exactly that of the page without it', () => {
    const withLinks = extractHtml(docbook(SITE_SIDEBAR));
    const without = extractHtml(docbook(''));
    for (const chrome of ['Related pages', 'Alpha network guide', 'Gamma tunnel']) expect(withLinks.text).not.toContain(chrome);
    expect(withLinks.text).toBe(without.text);
    expect(withLinks.headings).toEqual(without.headings); // the sidebar's own heading taken back too
    expectExactRanges(withLinks);
  });

  it('drops a table of contents (hash links) and a menu, keeps the prose around them', () => {
    const toc =
      '<div class="toc"><p><b>Table of Contents</b></p><dl class="toc"><dt><a href="#a">9.2.1. Secure Remote Login: SSH</a></dt>' +
      '<dt><a href="#b">9.2.2. Using Remote Graphical Desktops</a></dt></dl></div>';
    const menu = '<ul class="menu"><li><a href="/">Home</a></li><li><a href="/docs">Documentation</a></li><li><a href="/blog">Blog</a></li></ul>';
    const doc = extractHtml(docbook(toc + menu));
    expect(doc.text).toBe(extractHtml(docbook('')).text);
  });

  it('keeps an <aside> callout of prose, drops an <aside> of links', () => {
    const prose = extractHtml(
      page('<h1>Setup</h1><p>Install the package.</p><aside class="note"><p>Note: the daemon listens on port 8080 unless you set PORT.</p></aside><p>Then start it.</p>'),
    );
    expect(prose.text).toContain('Install the package.\n\nNote: the daemon listens on port 8080 unless you set PORT.\n\nThen start it.');
    const links = extractHtml(page('<h1>Setup</h1><p>Install the package.</p><aside><a href="/x">Share on X</a> <a href="/y">Share by e-mail</a></aside>'));
    expect(links.text).not.toContain('Share');
  });

  it('drops <nav>, header, footer and role=navigation whatever they hold', () => {
    const prose = 'This paragraph is long enough to be prose and holds no link at all, yet it sits in navigation.';
    const doc = extractHtml(
      page(
        `<nav><p>${prose}</p></nav><header><p>${prose}</p></header><div role="navigation"><p>${prose}</p></div>` +
          `<h1>Body</h1><p>The content.</p><footer><p>${prose}</p></footer>`,
      ),
    );
    expect(doc.text).toBe('Body\n\nThe content.');
  });

  it('judges nested boxes on what they show: prose kept, the link list inside it dropped, hidden parts stay hidden', () => {
    const doc = extractHtml(
      docbook(
        '<div class="sidebar"><p class="title">TIP Tunnels</p><div class="para">An SSH tunnel carries another protocol through an encrypted connection.</div>' +
          '<ul class="nav-links"><li><a href="/1">First link</a></li><li><a href="/2">Second link</a></li></ul>' +
          '<span aria-hidden="true">decorative</span><script>var x = "code";</script></div>',
      ),
    );
    expect(doc.text).toContain('TIP Tunnels\n\nAn SSH tunnel carries another protocol through an encrypted connection.\n\n9.2.1.');
    for (const gone of ['First link', 'decorative', 'var x']) expect(doc.text).not.toContain(gone);
    expectExactRanges(doc);
  });

  it('takes back a dropped box that held headings, tables and code, leaving the text and ranges of the page without it', () => {
    const box =
      '<aside class="sidebar"><h2><a href="/n">News</a></h2><table><tr><td><a href="/1">One item of news</a></td></tr></table>' +
      '<pre><a href="/code">link in code</a></pre><h3><a href="/m">More news links</a></h3></aside>';
    const body = (inner: string) => page(`<h1>Guide</h1><p>Opening.</p>${inner}<h2>Part</h2><p>Text of the part.</p><table><tr><td>a</td><td>b</td></tr></table>`);
    const withBox = extractHtml(body(box));
    const without = extractHtml(body(''));
    expect(withBox.text).toBe(without.text);
    expect(withBox.headings).toEqual(without.headings);
    expect(withBox.title).toBe(without.title);
    expectExactRanges(withBox);
  });

  it('takes back a dropped box inside a heading from the heading text', () => {
    const doc = extractHtml(page('<h1>Setup <span class="nav-anchor"><a href="#setup">permalink to this section</a></span></h1><p>Text.</p>'));
    expect(doc.text).toBe('Setup\n\nText.');
    expect(doc.headings).toEqual([{ start: 0, end: doc.text.length, path: ['Setup'] }]);
  });

  it('keeps a Chinese box whose prose points to URLs (words, not characters, are counted)', () => {
    const doc = extractHtml(
      page(
        '<h1>NFS</h1><div class="sidebar"><p class="title">文档 NFS HOWTO</p><div class="para">部署 NFSv4 的良好文档非常缺乏。这里是内容质量各异的一些要点。</div>' +
          '<div class="para">→ <a href="https://help.ubuntu.com/community/NFSv4Howto">https://help.ubuntu.com/community/NFSv4Howto</a></div>' +
          '<div class="para">→ <a href="https://wiki.linux-nfs.org/wiki/index.php/Nfsv4_configuration">https://wiki.linux-nfs.org/wiki/index.php/Nfsv4_configuration</a></div></div>',
      ),
    );
    expect(doc.text).toContain('部署 NFSv4 的良好文档非常缺乏。');
    expect(doc.text).toContain('https://help.ubuntu.com/community/NFSv4Howto');
  });

  it('reads a page whose <html>, <body>, <main> or <article> class mentions a sidebar or a menu (the page has one, it is not one)', () => {
    const links = '<ul><li><a href="/a">Alpha network guide</a></li><li><a href="/b">Beta firewall guide</a></li></ul>';
    const doc = extractHtml(
      '<html class="light sidebar-visible"><head><title>Index</title></head><body class="has-sidebar menu-open">' +
        `<main class="with-toc"><article class="nav-article"><h1>Guides</h1>${links}</article></main></body></html>`,
    );
    expect(doc.text).toBe('Guides\n\n• Alpha network guide\n\n• Beta firewall guide');
  });

  it('drops a short breadcrumb even without links', () => {
    expect(extractHtml(page('<div class="breadcrumbs">Docs › Network</div><h1>Hosts</h1><p>Text.</p>')).text).toBe('Hosts\n\nText.');
  });
});

describe('link density', () => {
  it('counts words: Han and kana characters one each, spaced runs with a letter or digit one each, separators none', () => {
    expect(countWords('Docs › Network')).toBe(2);
    expect(countWords('https://example.org/a/b?c=d')).toBe(1);
    expect(countWords('部署 NFSv4 的文档')).toBe(6);
    expect(countWords('ひらがなカタカナ')).toBe(8);
    expect(countWords('  | — ')).toBe(0);
  });

  it('calls navigation what is mostly links (over half) or hardly any text (under five words)', () => {
    expect(isNavigation({ text: 40, link: 21 })).toBe(true);
    expect(isNavigation({ text: 40, link: 20 })).toBe(false);
    expect(isNavigation({ text: 4, link: 0 })).toBe(true);
    expect(isNavigation({ text: 5, link: 0 })).toBe(false);
  });
});

describe('StructuredTextBuilder checkpoint', () => {
  it('rolls back text, pending breaks and heading ranges exactly', () => {
    const build = (detour: boolean) => {
      const out = new StructuredTextBuilder();
      out.heading(1, 'Top');
      out.text('before');
      out.space();
      const cp = out.checkpoint();
      if (detour) {
        out.endBlock();
        out.heading(2, 'Gone');
        out.text('gone text');
        out.cell();
        out.rollback(cp);
      }
      out.text('after');
      out.heading(2, 'Next');
      out.text('more');
      return { ...out.finish(), top: out.topHeading };
    };
    expect(build(true)).toEqual(build(false));
    expect(build(true).text).toBe('Top\n\nbefore after\n\nNext\n\nmore');
  });
});

describe('navigation named by id or by a nav compound', () => {
  it("a banner by id and a docnav list of links are dropped; a class word that only contains 'nav' is not a candidate", () => {
    const chrome =
      '<div id="banner"><a href="http://example.org/get/"><span class="text">Download the ebook</span></a></div>' +
      '<ul class="docnav top"><li class="previous"><a href="a.html"><strong>Prev</strong></a></li><li class="next"><a href="b.html"><strong>Next</strong></a></li></ul>';
    const body = '<div class="para">The rsyslogd daemon collects service messages.</div>';
    expect(extractHtml(page(chrome + body)).text).toBe(extractHtml(page(body)).text);
    const short = '<div class="unavailable">Gone.</div>';
    expect(extractHtml(page(short + body)).text).toContain('Gone.');
  });
});

describe('ids and boundaries (review of session 9)', () => {
  it('slug ids of headings and terms do not make them navigation', () => {
    const doc = extractHtml(page('<h2 id="the-menu"><a class="header" href="#the-menu">The Menu</a></h2><p>Open it with F10.</p><dl><dt id="opt-nav"><b>--nav</b></dt><dd>Shows the navigation pane.</dd></dl><p id="pranav">Pranav wrote this.</p>'));
    expect(doc.text).toContain('The Menu');
    expect(doc.headings.map((h) => h.path.at(-1))).toContain('The Menu');
    expect(doc.text).toContain('--nav');
    expect(doc.text).toContain('Pranav wrote this.');
  });

  it('text on both sides of a dropped box stays two blocks', () => {
    const doc = extractHtml(page('<div>First paragraph ends<div class="sidebar"><a href="/">Home</a></div>Second paragraph</div>'));
    expect(doc.text).not.toContain('endsSecond');
    expect(doc.text).toMatch(/First paragraph ends\s+Second paragraph/);
  });

  it('rolling back inside a long <pre> or heading is linear: a 1 MB <pre> of small menu spans reads whole', () => {
    let pre = '';
    while (pre.length < 1e6) pre += 'line <span class="toc">x</span> more\n';
    const doc = extractHtml(page(`<pre>${pre}</pre>`));
    expect(doc.text.split('\n').filter((l) => l.startsWith('line')).length).toBeGreaterThan(20000);
  });
});

describe('word counts across the pieces the parser hands over', () => {
  it("a word split at an entity is one word (don&rsquo;t can&rsquo;t won&rsquo;t: three words, under the floor); a tag ends a word", () => {
    const c = new NavigationCandidates<number>();
    c.enter(0);
    for (const piece of ['don', '\u2019', 't ', 'can', '\u2019', 't ', 'won', '\u2019', 't']) c.count(piece, false);
    expect(c.leave().navigation).toBe(true);
    const d = new NavigationCandidates<number>();
    d.enter(1);
    for (const piece of ['Prev', null, 'The Debian Administrator', '\u2019', 's Handbook', null, 'Next']) (piece === null ? d.breakWord() : d.count(piece, false));
    expect(d.leave().navigation).toBe(false); // Prev | The Debian Administrator’s Handbook | Next: six words, a tag between the runs
    expect(extractHtml(page('<div class="menu">don&rsquo;t can&rsquo;t won&rsquo;t</div><p>Body text here.</p>')).text).not.toContain('won');
  });
});
