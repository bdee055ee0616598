// Package feedcheck checks feed documents the way the W3C Feed Validation
// Service does, for tests that cannot reach it: [RSS] and [Atom] report
// what the validator (github.com/w3c/feedvalidator) reports as an error or
// a warning, under its message class names, and [JSONFeed] reports what
// breaks a requirement of JSON Feed 1.1 and the recommendations that
// FEEDS.md asks for.
//
// The checks are ported from the validator's source for the vocabulary a
// blog feed uses: RSS 2.0 with the atom, dc and content namespaces, and
// Atom 1.0. Elements of other namespaces are not checked (the validator
// knows iTunes, Media RSS and dozens more). The validator's informational
// messages (such as MissingDCLanguage) are not reported.
//
// # XML, both formats
//
//   - well-formed XML, parsed strictly: SAXError (one per character XML
//     forbids, which is then read as a space; any other error ends the
//     check), UndefinedNamedEntity (&nbsp; and other HTML entities),
//     BadXmlVersion, UnicodeError (bytes that are not UTF-8),
//     UnknownEncoding (feedcheck reads UTF-8, US-ASCII and ISO-8859-1);
//   - BadCharacters: C1 controls, U+FFFD or doubly-encoded UTF-8 in text;
//   - namespace declarations: ReservedPrefix, UnknownNamespace,
//     MediaRssNamespace, AvoidNamespacePrefix (Atom and XHTML under a
//     prefix in an Atom feed);
//   - UnexpectedAttribute, UseOfExtensionAttr (RSS), UnexpectedText,
//     UndefinedElement (an element in no namespace, or in the Atom, Dublin
//     Core or content namespace, that its parent does not define; any
//     element inside a text element), NotInANamespace (RSS),
//     UndeterminableVocabulary (Atom), MisplacedXHTMLContent,
//     DuplicateElement, NotBlank, UnexpectedWhitespace;
//   - values: InvalidLink, InvalidFullLink, InvalidIRI, InvalidUriChar,
//     UriNotIri, InvalidURIAttribute, InvalidTAG, InvalidURN, InvalidUUID,
//     SchemeNotIANARegistered, InvalidLanguage (ISO 639), InvalidW3CDTFDate
//     (dc:date), ImplausibleDate (before 1990 or more than ten minutes
//     after [Options.Now]);
//   - atom:link: MissingHref, InvalidMIMEType, UnregisteredAtomLinkRel,
//     AttrNotBlank, InvalidNonNegativeInteger, FeedHistoryRelInEntry,
//     AtomLinkNotEmpty, and on a feed's self link SelfNotAtom, RelativeSelf
//     and SelfDoesntMatchLocation (against [Options.URL]);
//   - text constructs: InvalidTextType, MissingTypeAttr, HtmlFragment,
//     NotBase64, MissingXhtmlDiv, ContainsUndeclaredHTML, NotInline, and
//     the HTML checks below;
//   - escaped HTML: NotHtml (a tag that is not HTML; an unclosed or stray
//     tag), SecurityRisk, SecurityRiskAttr, DangerousStyleAttr;
//   - plain text: ContainsHTML, ContainsEmail and, in RSS, CharacterData.
//
// # RSS 2.0
//
// MissingAttribute and InvalidRSSVersion on rss, InvalidNamespace,
// MissingElement (channel), MissingTitle, MissingLink, MissingDescription,
// MissingAtomSelfLink, InvalidRFC2822Date, ProblematicalRFC822Date,
// IncorrectDOW, InvalidContact, EmailFormat, MissingRealName,
// InvalidPositiveInteger (ttl), ItemMustContainTitleOrDescription,
// MissingGuid, InvalidHttpGUID, InvalidPermalink, InvalidBooleanAttribute,
// NotSufficientlyUnique, DuplicateValue (guid), ContainsRelRef (relative
// links in description and content:encoded), NeedDescriptionBeforeContent,
// MisplacedItem, DuplicateEnclosure, InvalidURLAttribute,
// InvalidIntegerAttribute, UseZeroForUnknown, InvalidMIMEAttribute,
// DuplicateSemantics, DuplicateItemSemantics,
// DuplicateDescriptionSemantics, AvoidTextInput, the image checks
// (InvalidWidth, InvalidHeight, ImageUrlFormat, ImageLinkDoesntMatch,
// ImageTitleDoesntMatch) and cloud's attributes.
//
// # Atom 1.0
//
// MissingNamespace, InvalidNamespace, ObsoleteNamespace, MissingElement (feed title, id and updated; entry
// title, id, updated, and author unless the feed has one), MissingSelf,
// MisplacedMetadata, InvalidRFC3339Date, NonCanonicalURI (ids),
// DuplicateEntries, DuplicateIds, DuplicateUpdated, DuplicateAtomLink,
// MissingContentOrAlternate, MissingTextualContent, MissingSummary,
// InvalidAddrSpec, MissingAttribute (category term).
//
// # JSON Feed 1.1
//
// Requirements, reported as errors: InvalidJSON, UnicodeError, InvalidType
// (a member of the wrong JSON type), MissingElement (version, title,
// items, item id, attachment url and mime_type, hub type and url),
// InvalidVersion (exactly https://jsonfeed.org/version/1.1), BlankId,
// DuplicateValue (item ids), MissingContent (neither content_html nor
// content_text), InvalidAuthor (an author with none of name, url and
// avatar), InvalidFullLink and the other URL errors (URLs must be
// absolute), InvalidRFC3339Date, InvalidLanguage, InvalidMIMEType,
// InvalidNextURL (next_url equal to feed_url), InvalidExtensionName.
//
// Recommendations, reported as warnings: MissingRecommendedElement
// (home_page_url, feed_url, item url), DeprecatedAuthor (author without
// authors; both together are allowed for 1.0 readers), ContainsHTML (HTML
// tags or entity references in title or summary, which are plain text),
// ContainsRelRef, NotHtml and SecurityRisk in content_html, EscapedHTML
// (<, > and & written as \u003c, \u003e and \u0026), ControlCharacter (a
// character XML forbids), DuplicateKey, UnknownKey, NotBlank,
// ImplausibleDate, SelfDoesntMatchLocation (feed_url against
// [Options.URL]).
//
// # Beyond the validator
//
// A few checks are stricter than the validator, because the validator
// lets through what is always a mistake in a generated feed: an empty
// channel description (NotBlank), an empty link href (AttrNotBlank), an
// https URL without an authority. The validator stops at the first
// well-formedness error; feedcheck goes on after a forbidden character.
// It does no DNS look-ups (the validator's UnknownHost) and checks escaped
// HTML with a tokenizer rather than html5lib in strict mode, so it finds
// unclosed and stray tags but not every HTML parse error.
package feedcheck
