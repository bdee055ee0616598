// Package source turns article files into [Article] values: plain-text news
// articles, Markdown with YAML or TOML front matter, and HTML pages. It finds
// titles, paragraphs and subheadings, drops the junk that scraping drags along,
// sanitizes HTML and writes plain-text summaries. It returns errors and never
// logs.
package source
