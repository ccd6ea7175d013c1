//! Spec prose (descriptions and summaries) rendered as Markdown and as HTML.
//!
//! A description is read as CommonMark (with pulldown-cmark), which is what OpenAPI 3.0 says
//! descriptions are, and the reStructuredText forms older specs write (upstream Matrix's among
//! them) are taken too:
//! - ``` ``literal`` ``` is already a CommonMark code span;
//! - `|name|`, a substitution reference, links to the operation of that name (see
//!   [`Prose::parse`]) and is plain text when there is none;
//! - `` `text <url>`_ `` and `` `text`_ ``, hyperlink references, are a link and plain text;
//! - a paragraph ending in `::` followed by an indented block introduces a code block.
//!
//! The text is parsed into a small tree (paragraphs, lists, code blocks, quotes; text, code,
//! emphasis, links) that both outputs render. Raw HTML in prose is shown as text, never passed
//! through, and a link leaves the page only for `http`, `https` or `mailto`: the HTML page
//! carries no markup or script the spec wrote.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

#[derive(Debug, Clone, PartialEq)]
enum Block {
    Para(Vec<Inline>),
    /// `start` is the first number of an ordered list; a tight list's items hold no
    /// paragraphs of their own (Markdown without blank lines, HTML without `<p>`).
    List {
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Code(String),
    Quote(Vec<Block>),
    Rule,
}

#[derive(Debug, Clone, PartialEq)]
enum Inline {
    Text(String),
    Code(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Link { href: String, content: Vec<Inline> },
    Break,
}

/// Parsed prose, ready to render either way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prose(Vec<Block>);

impl Prose {
    /// Parses `text`; `operation` gives the anchor of the operation a substitution
    /// reference `|name|` names, if there is one.
    pub fn parse(text: &str, operation: &dyn Fn(&str) -> Option<String>) -> Prose {
        let text = mark_references(&literal_blocks(text.trim_matches('\n')));
        let mut builder = Builder::default();
        for event in Parser::new(&text) {
            builder.event(event);
        }
        let blocks = builder.finish();
        Prose(
            blocks
                .into_iter()
                .map(|b| rst_block(b, operation))
                .collect(),
        )
    }

    /// Plain text as one paragraph (a value from the spec that is not prose).
    pub fn code(text: &str) -> Prose {
        Prose(vec![Block::Para(vec![Inline::Code(text.to_string())])])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Markdown blocks, separated by blank lines, without a final newline.
    pub fn markdown(&self) -> String {
        md_lines(&self.0, false).join("\n")
    }

    /// Markdown on one line, for a table cell: `|` escaped, paragraphs and list items
    /// separated by `<br>` (a table cell holds no blocks).
    pub fn markdown_cell(&self) -> String {
        md_cell(&self.0)
    }

    /// A Markdown list item: `- ` and `lead`, the first paragraph on the same line, the rest
    /// of the blocks indented beneath it.
    pub fn markdown_item(&self, lead: &str) -> String {
        let lines = md_lines(&self.0, false);
        let mut out = format!("- {lead}");
        let rest = match self.0.first() {
            Some(Block::Para(_)) => {
                out.push(' ');
                out.push_str(&lines[0]);
                &lines[1..]
            }
            _ if lines.is_empty() => &lines[..],
            _ => {
                out.push('\n');
                &lines[..]
            }
        };
        for line in rest {
            out.push('\n');
            if !line.is_empty() {
                out.push_str("  ");
                out.push_str(line);
            }
        }
        out
    }

    /// HTML blocks (`<p>`, `<ul>`, `<pre>`), one per line.
    pub fn html(&self) -> String {
        html_blocks(&self.0, false)
    }

    /// HTML for a place that holds text: one paragraph without its `<p>`, anything more as
    /// blocks.
    pub fn html_inline(&self) -> String {
        match self.0.as_slice() {
            [Block::Para(inlines)] => html_inlines(inlines),
            blocks => html_blocks(blocks, false),
        }
    }

    /// Markdown for a place that holds text: one paragraph as it is, anything more on one
    /// line as in a cell.
    pub fn markdown_inline(&self) -> String {
        match self.0.as_slice() {
            [Block::Para(inlines)] => md_inlines(inlines, false),
            blocks => md_cell(blocks),
        }
    }
}

/// reStructuredText's literal blocks (`Example::` then an indented block after a blank line)
/// as fenced code blocks; everything else as it is.
fn literal_blocks(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    // Indentation is ASCII spaces and tabs only: other white space (a pasted no-break
    // space) is text, and counting it would cut a line inside a character.
    let indent_of = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
    let is_fence = |line: &str| {
        let t = line.trim_start();
        t.starts_with("```") || t.starts_with("~~~")
    };
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut in_fence = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if is_fence(line) {
            in_fence = !in_fence;
        }
        let mut start = i + 1;
        while start < lines.len() && lines[start].trim().is_empty() {
            start += 1;
        }
        let indent = indent_of(line);
        let literal = !in_fence
            && line.ends_with("::")
            && start > i + 1
            && start < lines.len()
            && indent_of(lines[start]) > indent;
        if !literal {
            out.push(line.to_string());
            i += 1;
            continue;
        }
        let mut end = start;
        while end < lines.len() && (lines[end].trim().is_empty() || indent_of(lines[end]) > indent)
        {
            end += 1;
        }
        while lines[end - 1].trim().is_empty() {
            end -= 1;
        }
        let body = &lines[start..end];
        let strip = body
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| indent_of(l))
            .min()
            .unwrap_or(0);
        let pad = &line[..indent];
        let head = line.trim_start();
        if head != "::" {
            // `Text::` reads as `Text:`, and `Text ::` as `Text`.
            let text = match head.strip_suffix(" ::") {
                Some(text) => text,
                None => &head[..head.len() - 1],
            };
            out.push(format!("{pad}{text}"));
            out.push(String::new());
        }
        let longest = body.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        out.push(format!("{pad}{fence}"));
        for l in body {
            let l = l.trim_end();
            out.push(if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{}", &l[strip..])
            });
        }
        out.push(format!("{pad}{fence}"));
        i = end;
    }
    out.join("\n")
}

/// Stands for the `_` of a hyperlink reference `` `text`_ ``, which CommonMark would
/// otherwise pair with a later `_` as emphasis. A private-use character: no spec writes it.
const REFERENCE: char = '\u{E000}';

/// Every hyperlink reference's `_` or `__` (after a closing backtick, not followed by a
/// letter) as [`REFERENCE`].
fn mark_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("`_") {
        out.push_str(&rest[..=at]);
        let after = &rest[at + 1..];
        let marker = after.len() - after.trim_start_matches('_').len();
        let next = after[marker..].chars().next();
        if marker <= 2 && next.is_none_or(|c| !c.is_alphanumeric()) {
            out.push(REFERENCE);
            rest = &after[marker..];
        } else {
            out.push_str(&after[..marker]);
            rest = &after[marker..];
        }
    }
    out.push_str(rest);
    out
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// A container of blocks being filled: the root, a list item, a quote, or a list (of items).
#[derive(Default)]
struct BlockFrame {
    blocks: Vec<Block>,
    /// Text of a tight list item, which comes without a paragraph around it.
    loose: Vec<Inline>,
    items: Vec<Vec<Block>>,
    list: Option<(Option<u64>, bool)>,
    quote: bool,
}

impl BlockFrame {
    fn push(&mut self, block: Block) {
        self.flush();
        self.blocks.push(block);
    }

    fn flush(&mut self) {
        if !self.loose.is_empty() {
            let inlines = std::mem::take(&mut self.loose);
            self.blocks.push(Block::Para(inlines));
        }
    }
}

enum InlineKind {
    Para,
    Heading,
    Emph,
    Strong,
    Link(String),
    /// An image is shown as its description.
    Image,
    CodeBlock,
}

struct InlineFrame {
    kind: InlineKind,
    content: Vec<Inline>,
    code: String,
}

/// Builds the tree from pulldown-cmark's events.
struct Builder {
    blocks: Vec<BlockFrame>,
    inlines: Vec<InlineFrame>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            blocks: vec![BlockFrame::default()],
            inlines: Vec::new(),
        }
    }
}

impl Builder {
    fn open_inline(&mut self, kind: InlineKind) {
        self.inlines.push(InlineFrame {
            kind,
            content: Vec::new(),
            code: String::new(),
        });
    }

    fn inline(&mut self, inline: Inline) {
        match self.inlines.last_mut() {
            Some(frame) => frame.content.push(inline),
            None => self.block_frame().loose.push(inline),
        }
    }

    fn text(&mut self, text: &str) {
        match self.inlines.last_mut() {
            Some(InlineFrame {
                kind: InlineKind::CodeBlock,
                code,
                ..
            }) => code.push_str(text),
            _ => self.inline(Inline::Text(text.replace('\n', " "))),
        }
    }

    fn block_frame(&mut self) -> &mut BlockFrame {
        self.blocks.last_mut().expect("the root frame stays")
    }

    fn block(&mut self, block: Block) {
        self.block_frame().push(block);
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::HtmlBlock => {
                    // A paragraph of its own in a list item (not the root, a list or a
                    // quote) makes the list loose.
                    let depth = self.blocks.len();
                    let item = &self.blocks[depth - 1];
                    if depth > 1
                        && item.list.is_none()
                        && !item.quote
                        && let Some((_, tight)) = &mut self.blocks[depth - 2].list
                    {
                        *tight = false;
                    }
                    self.open_inline(InlineKind::Para);
                }
                Tag::Heading { .. } => self.open_inline(InlineKind::Heading),
                Tag::Emphasis => self.open_inline(InlineKind::Emph),
                Tag::Strong => self.open_inline(InlineKind::Strong),
                Tag::Link { dest_url, .. } => {
                    self.open_inline(InlineKind::Link(dest_url.to_string()))
                }
                Tag::Image { .. } => self.open_inline(InlineKind::Image),
                Tag::CodeBlock(_) => self.open_inline(InlineKind::CodeBlock),
                Tag::List(start) => {
                    self.block_frame().flush();
                    self.blocks.push(BlockFrame {
                        list: Some((start, true)),
                        ..BlockFrame::default()
                    });
                }
                Tag::Item => self.blocks.push(BlockFrame::default()),
                Tag::BlockQuote(_) => self.blocks.push(BlockFrame {
                    quote: true,
                    ..BlockFrame::default()
                }),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph
                | TagEnd::HtmlBlock
                | TagEnd::Heading(_)
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::CodeBlock => self.close_inline(),
                TagEnd::Item => {
                    let mut item = self.blocks.pop().unwrap_or_default();
                    item.flush();
                    self.block_frame().items.push(item.blocks);
                }
                TagEnd::List(_) => {
                    let list = self.blocks.pop().unwrap_or_default();
                    let (start, tight) = list.list.unwrap_or((None, true));
                    self.block(Block::List {
                        start,
                        tight,
                        items: list.items,
                    });
                }
                TagEnd::BlockQuote(_) => {
                    let mut quote = self.blocks.pop().unwrap_or_default();
                    quote.flush();
                    self.block(Block::Quote(quote.blocks));
                }
                _ => {}
            },
            Event::Text(text) => self.text(&text),
            // Raw HTML in prose is text: the page shows it and never interprets it.
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::Code(code) => self.inline(Inline::Code(code.replace(REFERENCE, "_"))),
            Event::SoftBreak => self.inline(Inline::Text(" ".into())),
            Event::HardBreak => self.inline(Inline::Break),
            Event::Rule => self.block(Block::Rule),
            _ => {}
        }
    }

    fn close_inline(&mut self) {
        let Some(frame) = self.inlines.pop() else {
            return;
        };
        match frame.kind {
            InlineKind::Para => self.block(Block::Para(frame.content)),
            // A heading inside a description would break the page's outline: a strong line.
            InlineKind::Heading => self.block(Block::Para(vec![Inline::Strong(frame.content)])),
            InlineKind::CodeBlock => {
                let code = frame.code.trim_end_matches('\n').replace(REFERENCE, "_");
                self.block(Block::Code(code));
            }
            InlineKind::Emph => self.inline(Inline::Emph(frame.content)),
            InlineKind::Strong => self.inline(Inline::Strong(frame.content)),
            InlineKind::Image => {
                for inline in frame.content {
                    self.inline(inline);
                }
            }
            InlineKind::Link(href) => {
                let safe = ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|scheme| href.starts_with(scheme));
                if safe {
                    self.inline(Inline::Link {
                        href,
                        content: frame.content,
                    });
                } else {
                    for inline in frame.content {
                        self.inline(inline);
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        while !self.inlines.is_empty() {
            self.close_inline();
        }
        let mut root = self.blocks.swap_remove(0);
        root.flush();
        root.blocks
    }
}

/// reStructuredText's inline forms, inside every paragraph of `block`.
fn rst_block(block: Block, operation: &dyn Fn(&str) -> Option<String>) -> Block {
    match block {
        Block::Para(inlines) => Block::Para(rst_inlines(inlines, operation)),
        Block::List {
            start,
            tight,
            items,
        } => Block::List {
            start,
            tight,
            items: items
                .into_iter()
                .map(|item| item.into_iter().map(|b| rst_block(b, operation)).collect())
                .collect(),
        },
        Block::Quote(blocks) => Block::Quote(
            blocks
                .into_iter()
                .map(|b| rst_block(b, operation))
                .collect(),
        ),
        other => other,
    }
}

fn rst_inlines(inlines: Vec<Inline>, operation: &dyn Fn(&str) -> Option<String>) -> Vec<Inline> {
    // Adjacent text first becomes one run, so that a reference split by the parser is whole.
    let mut merged: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (merged.last_mut(), inline) {
            (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
            (_, inline) => merged.push(inline),
        }
    }
    let mut out = Vec::with_capacity(merged.len());
    let mut iter = merged.into_iter().peekable();
    while let Some(inline) = iter.next() {
        match inline {
            Inline::Code(code) => {
                // `text`_ or `text <url>`_: a hyperlink reference, not code.
                let reference = match iter.peek() {
                    Some(Inline::Text(next)) => reference_marker(next),
                    _ => None,
                };
                let Some(marker) = reference else {
                    out.push(Inline::Code(code));
                    continue;
                };
                if let Some(Inline::Text(next)) = iter.next() {
                    out.push(hyperlink(&code));
                    let rest = next[marker..].replace(REFERENCE, "_");
                    out.extend(substitutions(&rest, operation));
                }
            }
            Inline::Text(text) => {
                // A marker whose backtick closed no code span was an underscore after all.
                out.extend(substitutions(&text.replace(REFERENCE, "_"), operation))
            }
            Inline::Emph(content) => out.push(Inline::Emph(rst_inlines(content, operation))),
            Inline::Strong(content) => out.push(Inline::Strong(rst_inlines(content, operation))),
            Inline::Link { href, content } => out.push(Inline::Link {
                href,
                content: rst_inlines(content, operation),
            }),
            other => out.push(other),
        }
    }
    out
}

/// The length of the reference marker that makes the code span before `next` a hyperlink
/// reference.
fn reference_marker(next: &str) -> Option<usize> {
    next.starts_with(REFERENCE).then_some(REFERENCE.len_utf8())
}

/// `text <url>` as a link where the URL is a web address; anything else as its text.
fn hyperlink(reference: &str) -> Inline {
    if let Some((text, rest)) = reference.rsplit_once('<')
        && let Some(url) = rest.strip_suffix('>')
    {
        let text = text.trim();
        let web = url.starts_with("http://") || url.starts_with("https://");
        let shown = if text.is_empty() { url } else { text };
        if web {
            return Inline::Link {
                href: url.to_string(),
                content: vec![Inline::Text(shown.to_string())],
            };
        }
        return Inline::Text(shown.to_string());
    }
    Inline::Text(reference.to_string())
}

/// `text` with its substitution references `|name|` resolved: a link to the operation
/// named, or the name alone.
fn substitutions(text: &str, operation: &dyn Fn(&str) -> Option<String>) -> Vec<Inline> {
    let is_name = |c: char| c.is_alphanumeric() || "_.-/".contains(c);
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut at = 0;
    while let Some(offset) = text[at..].find('|') {
        let open = at + offset;
        let start = open + 1;
        let end = text[start..]
            .char_indices()
            .find(|&(_, c)| !is_name(c))
            .map_or(text.len(), |(k, _)| start + k);
        let name = &text[start..end];
        let closes = text[end..].starts_with('|');
        // Like reStructuredText, a reference stands apart from the words around it.
        let before = text[..open].chars().last();
        let after = text.get(end + 1..).and_then(|rest| rest.chars().next());
        let apart = before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric());
        if name.is_empty() || !closes || !apart {
            plain.push_str(&text[at..start]);
            at = start;
            continue;
        }
        plain.push_str(&text[at..open]);
        match operation(name) {
            Some(anchor) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(Inline::Link {
                    href: format!("#{anchor}"),
                    content: vec![Inline::Text(name.to_string())],
                });
            }
            None => plain.push_str(name),
        }
        at = end + 1;
    }
    plain.push_str(&text[at..]);
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

// --- Markdown ---

fn md_lines(blocks: &[Block], tight: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 && !tight {
            lines.push(String::new());
        }
        match block {
            Block::Para(inlines) => lines.push(md_line_start(md_inlines(inlines, false))),
            Block::Code(code) => {
                let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
                lines.push(fence.clone());
                lines.extend(code.lines().map(str::to_string));
                lines.push(fence);
            }
            Block::Quote(inner) => {
                lines.extend(md_lines(inner, false).into_iter().map(|l| {
                    if l.is_empty() {
                        ">".to_string()
                    } else {
                        format!("> {l}")
                    }
                }));
            }
            Block::Rule => lines.push("---".into()),
            Block::List {
                start,
                tight,
                items,
            } => {
                for (n, item) in items.iter().enumerate() {
                    if n > 0 && !tight {
                        lines.push(String::new());
                    }
                    let marker = match start {
                        Some(first) => format!("{}. ", first + n as u64),
                        None => "- ".to_string(),
                    };
                    let pad = " ".repeat(marker.len());
                    let inner = md_lines(item, *tight);
                    if inner.is_empty() {
                        lines.push(marker.trim_end().to_string());
                    }
                    for (k, line) in inner.into_iter().enumerate() {
                        lines.push(match (k, line.is_empty()) {
                            (0, _) => format!("{marker}{line}"),
                            (_, true) => line,
                            _ => format!("{pad}{line}"),
                        });
                    }
                }
            }
        }
    }
    lines
}

/// A paragraph's first characters escaped where Markdown would read a block marker.
fn md_line_start(line: String) -> String {
    let first = line.chars().next();
    if matches!(first, Some('#' | '>' | '=' | '+' | '-' | '~')) {
        return format!("\\{line}");
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line
}

fn md_cell(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    for block in blocks {
        match block {
            Block::Para(inlines) => parts.push(md_inlines(inlines, true)),
            Block::List { items, .. } => {
                parts.extend(items.iter().map(|item| format!("• {}", md_cell(item))))
            }
            Block::Code(code) => parts.push(md_code(
                &code.lines().map(str::trim).collect::<Vec<_>>().join(" "),
                true,
            )),
            Block::Quote(inner) => parts.push(md_cell(inner)),
            Block::Rule => {}
        }
    }
    parts.join("<br>")
}

fn md_inlines(inlines: &[Inline], cell: bool) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) => md_text(text, &mut out),
            Inline::Code(code) => out.push_str(&md_code(code, cell)),
            Inline::Emph(content) => {
                out.push('*');
                out.push_str(&md_inlines(content, cell));
                out.push('*');
            }
            Inline::Strong(content) => {
                out.push_str("**");
                out.push_str(&md_inlines(content, cell));
                out.push_str("**");
            }
            Inline::Link { href, content } => {
                out.push('[');
                out.push_str(&md_inlines(content, cell));
                out.push_str("](");
                out.push_str(&href.replace(' ', "%20").replace(')', "%29"));
                out.push(')');
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
    out
}

/// Text with what Markdown would read as markup escaped. `_` inside a word (`user_id`) is
/// left alone: it is no emphasis there, and the raw file stays readable.
fn md_text(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' => true,
            '_' => {
                let word = |j: Option<usize>| {
                    j.and_then(|j| chars.get(j))
                        .is_some_and(|c| c.is_alphanumeric())
                };
                !(word(i.checked_sub(1)) && word(Some(i + 1)))
            }
            '&' => chars
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == '#'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A code span around `code`, with a fence longer than any backtick run inside. In a table
/// cell `|` must be escaped even there (GitHub-flavoured Markdown splits cells first).
fn md_code(code: &str, cell: bool) -> String {
    let fence = "`".repeat(longest_run(code, '`') + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    let code = if cell {
        code.replace('|', "\\|")
    } else {
        code.to_string()
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// Plain text (a title) escaped for Markdown.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    md_text(text, &mut out);
    md_line_start(out)
}

/// A fenced code block around `code`, its fence longer than any backtick run inside.
pub fn markdown_code_block(code: &str, info: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
    format!("{fence}{info}\n{code}\n{fence}")
}

// --- HTML ---

/// `text` escaped for HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn html_blocks(blocks: &[Block], tight: bool) -> String {
    let mut parts = Vec::new();
    for block in blocks {
        parts.push(match block {
            Block::Para(inlines) if tight => html_inlines(inlines),
            Block::Para(inlines) => format!("<p>{}</p>", html_inlines(inlines)),
            Block::Code(code) => format!("<pre><code>{}</code></pre>", escape_html(code)),
            Block::Quote(inner) => {
                format!("<blockquote>\n{}\n</blockquote>", html_blocks(inner, false))
            }
            Block::Rule => "<hr>".into(),
            Block::List {
                start,
                tight,
                items,
            } => {
                let (open, close) = match start {
                    None => ("<ul>".to_string(), "</ul>"),
                    Some(1) => ("<ol>".to_string(), "</ol>"),
                    Some(n) => (format!("<ol start=\"{n}\">"), "</ol>"),
                };
                let items: Vec<String> = items
                    .iter()
                    .map(|item| format!("<li>{}</li>", html_blocks(item, *tight)))
                    .collect();
                format!("{open}\n{}\n{close}", items.join("\n"))
            }
        });
    }
    parts.join("\n")
}

fn html_inlines(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(&escape_html(text)),
            Inline::Code(code) => {
                out.push_str("<code>");
                out.push_str(&escape_html(code));
                out.push_str("</code>");
            }
            Inline::Emph(content) => {
                out.push_str("<em>");
                out.push_str(&html_inlines(content));
                out.push_str("</em>");
            }
            Inline::Strong(content) => {
                out.push_str("<strong>");
                out.push_str(&html_inlines(content));
                out.push_str("</strong>");
            }
            Inline::Link { href, content } => {
                out.push_str("<a href=\"");
                out.push_str(&escape_html(href));
                out.push_str("\">");
                out.push_str(&html_inlines(content));
                out.push_str("</a>");
            }
            Inline::Break => out.push_str("<br>"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(name: &str) -> Option<String> {
        (name == "createRoom").then(|| "op-rooms-create_room".to_string())
    }

    fn parse(text: &str) -> Prose {
        Prose::parse(text, &links)
    }

    #[test]
    fn rst_literals_become_code() {
        let prose = parse("A meaningful ``errcode`` and `text`.");
        assert_eq!(prose.markdown(), "A meaningful `errcode` and `text`.");
        assert_eq!(
            prose.html(),
            "<p>A meaningful <code>errcode</code> and <code>text</code>.</p>"
        );
    }

    #[test]
    fn substitutions_link_to_operations_or_read_as_names() {
        let prose = parse("See the |createRoom| API, not the |initialSync| API; a|b|c stays.");
        assert_eq!(
            prose.markdown(),
            "See the [createRoom](#op-rooms-create_room) API, not the initialSync API; a\\|b\\|c stays."
        );
        assert_eq!(
            prose.html(),
            "<p>See the <a href=\"#op-rooms-create_room\">createRoom</a> API, not the initialSync API; a|b|c stays.</p>"
        );
    }

    #[test]
    fn bullet_lists_stay_lists() {
        let text = "Example reasons are:\n\n- The kicker is not in the room.\n- The kicker's level is\n  too low.\n";
        let prose = parse(text);
        assert_eq!(
            prose.markdown(),
            "Example reasons are:\n\n- The kicker is not in the room.\n- The kicker's level is too low."
        );
        assert_eq!(
            prose.html(),
            "<p>Example reasons are:</p>\n<ul>\n<li>The kicker is not in the room.</li>\n<li>The kicker&#39;s level is too low.</li>\n</ul>"
        );
        assert_eq!(
            prose.markdown_cell(),
            "Example reasons are:<br>• The kicker is not in the room.<br>• The kicker's level is too low."
        );
    }

    #[test]
    fn list_items_hold_prose() {
        let prose = parse("Refused. Reasons are:\n\n- one;\n- two.");
        assert_eq!(
            prose.markdown_item("**403**:"),
            "- **403**: Refused. Reasons are:\n\n  - one;\n  - two."
        );
        assert_eq!(
            parse("- one").markdown_item("**400**:"),
            "- **400**:\n\n  - one"
        );
        assert_eq!(parse("").markdown_item("**200**."), "- **200**.");
    }

    #[test]
    fn nested_and_loose_lists() {
        let prose = parse("1. one\n\n   - a\n   - b\n\n2. two");
        assert_eq!(prose.markdown(), "1. one\n\n   - a\n   - b\n\n2. two");
        assert_eq!(
            prose.html(),
            "<ol>\n<li><p>one</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul></li>\n<li><p>two</p></li>\n</ol>"
        );
    }

    #[test]
    fn literal_blocks_become_code_blocks() {
        let prose = parse("Send this::\n\n  {\"a\": 1}\n\nThen wait.");
        assert_eq!(
            prose.markdown(),
            "Send this:\n\n```\n{\"a\": 1}\n```\n\nThen wait."
        );
        assert_eq!(
            prose.html(),
            "<p>Send this:</p>\n<pre><code>{&quot;a&quot;: 1}</code></pre>\n<p>Then wait.</p>"
        );
    }

    #[test]
    fn a_no_break_space_in_a_literal_block_is_text() {
        let prose = parse("Send this::\n\n   a\n  \u{a0}b\n\nThen wait.");
        assert_eq!(
            prose.markdown(),
            "Send this:\n\n```\n a\n\u{a0}b\n```\n\nThen wait."
        );
    }

    #[test]
    fn hyperlink_references_are_links_or_text() {
        let prose =
            parse("In favour of the `receipts module`_. See `the spec <https://spec.example/x>`_.");
        assert_eq!(
            prose.markdown(),
            "In favour of the receipts module. See [the spec](https://spec.example/x)."
        );
    }

    #[test]
    fn raw_html_and_unsafe_links_are_text() {
        let prose = parse("A <script>alert(1)</script> and [x](javascript:alert(1)) and *it*.");
        assert_eq!(
            prose.html(),
            "<p>A &lt;script&gt;alert(1)&lt;/script&gt; and x and <em>it</em>.</p>"
        );
        assert_eq!(
            prose.markdown(),
            "A \\<script>alert(1)\\</script> and x and *it*."
        );
    }

    #[test]
    fn markdown_escapes_what_it_would_misread() {
        let prose = parse("user_id and \\*stars\\* and 2015\\. a year");
        assert_eq!(prose.markdown(), "user_id and \\*stars\\* and 2015. a year");
        let prose = parse("\\# not a heading");
        assert_eq!(prose.markdown(), "\\# not a heading");
        let prose = parse("1986\\. A great year.");
        assert_eq!(prose.markdown(), "1986\\. A great year.");
        assert_eq!(Prose::code("a|b").markdown_cell(), "`a\\|b`");
        assert_eq!(Prose::code("a`b").markdown(), "``a`b``");
    }

    #[test]
    fn inline_forms_drop_the_paragraph() {
        let prose = parse("Ban a **user**.");
        assert_eq!(prose.html_inline(), "Ban a <strong>user</strong>.");
        assert_eq!(prose.markdown_inline(), "Ban a **user**.");
    }
}
