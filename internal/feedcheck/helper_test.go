package feedcheck

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// testNow is the time the tests check dates against.
var testNow = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// levels is the level of every code the checks may report. For the
// validator's codes it is the level of the message class in its
// logging.py.
var levels = map[string]Level{
	// errors
	"SAXError": Error, "UndefinedNamedEntity": Error, "BadXmlVersion": Error,
	"UnicodeError": Error, "UnknownEncoding": Error, "MediaRssNamespace": Error,
	"UnexpectedAttribute": Error, "UnexpectedText": Error, "UndefinedElement": Error,
	"NotInANamespace": Error, "MissingNamespace": Error, "DuplicateElement": Error,
	"UnexpectedWhitespace": Error, "InvalidLink": Error, "InvalidFullLink": Error,
	"InvalidIRI": Error, "InvalidUriChar": Error, "UriNotIri": Error,
	"InvalidURIAttribute": Error, "InvalidTAG": Error, "InvalidURN": Error,
	"InvalidUUID": Error, "InvalidLanguage": Error, "InvalidW3CDTFDate": Error,
	"MissingHref": Error, "InvalidMIMEType": Error, "InvalidNonNegativeInteger": Error,
	"InvalidTextType": Error, "NotBase64": Error, "MissingXhtmlDiv": Error,
	"MissingAttribute": Error, "InvalidRSSVersion": Error, "InvalidNamespace": Error,
	"MissingElement": Error, "MissingTitle": Error, "MissingLink": Error,
	"MissingDescription": Error, "InvalidRFC2822Date": Error, "IncorrectDOW": Error,
	"InvalidContact": Error, "InvalidPositiveInteger": Error,
	"ItemMustContainTitleOrDescription": Error, "InvalidHttpGUID": Error,
	"InvalidPermalink": Error, "InvalidBooleanAttribute": Error, "DuplicateValue": Error,
	"InvalidURLAttribute": Error, "InvalidIntegerAttribute": Error, "UseZeroForUnknown": Error,
	"InvalidMIMEAttribute": Error, "InvalidWidth": Error, "InvalidHeight": Error,
	"ObsoleteNamespace": Error, "MisplacedMetadata": Error, "InvalidRFC3339Date": Error,
	"DuplicateIds": Error, "DuplicateAtomLink": Error, "MissingContentOrAlternate": Error,
	"MissingSummary": Error, "InvalidAddrSpec": Error,
	// warnings
	"BadCharacters": Warning, "ReservedPrefix": Warning, "UnknownNamespace": Warning,
	"UseOfExtensionAttr": Warning, "UndeterminableVocabulary": Warning,
	"MisplacedXHTMLContent": Warning, "NotBlank": Warning, "SchemeNotIANARegistered": Warning,
	"ImplausibleDate": Warning, "UnregisteredAtomLinkRel": Warning, "AttrNotBlank": Warning,
	"FeedHistoryRelInEntry": Warning, "AtomLinkNotEmpty": Warning, "SelfNotAtom": Warning,
	"RelativeSelf": Warning, "SelfDoesntMatchLocation": Warning, "MissingTypeAttr": Warning,
	"HtmlFragment": Warning, "ContainsUndeclaredHTML": Warning, "NotInline": Warning,
	"NotHtml": Warning, "SecurityRisk": Warning, "SecurityRiskAttr": Warning,
	"DangerousStyleAttr": Warning, "ContainsHTML": Warning, "ContainsEmail": Warning,
	"CharacterData": Warning, "MissingAtomSelfLink": Warning, "ProblematicalRFC822Date": Warning,
	"EmailFormat": Warning, "MissingRealName": Warning, "MissingGuid": Warning,
	"NotSufficientlyUnique": Warning, "ContainsRelRef": Warning,
	"NeedDescriptionBeforeContent": Warning, "MisplacedItem": Warning,
	"DuplicateEnclosure": Warning, "DuplicateSemantics": Warning,
	"DuplicateItemSemantics": Warning, "DuplicateDescriptionSemantics": Warning,
	"AvoidTextInput": Warning, "ImageUrlFormat": Warning, "ImageLinkDoesntMatch": Warning,
	"ImageTitleDoesntMatch": Warning, "AvoidNamespacePrefix": Warning, "MissingSelf": Warning,
	"NonCanonicalURI": Warning, "DuplicateEntries": Warning, "DuplicateUpdated": Warning,
	"MissingTextualContent": Warning,
	// JSON Feed
	"InvalidJSON": Error, "InvalidType": Error, "InvalidVersion": Error, "BlankId": Error,
	"MissingContent": Error, "InvalidAuthor": Error, "InvalidNextURL": Error,
	"InvalidExtensionName":      Error,
	"MissingRecommendedElement": Warning, "DeprecatedAuthor": Warning, "EscapedHTML": Warning,
	"ControlCharacter": Warning, "DuplicateKey": Warning, "UnknownKey": Warning,
}

// codes returns the distinct codes of ps, sorted.
func codes(ps []Problem) []string {
	var cs []string
	for _, p := range ps {
		cs = append(cs, p.Code)
	}
	slices.Sort(cs)
	return slices.Compact(cs)
}

// checkLevels fails the test for a problem whose level is not its code's.
func checkLevels(t *testing.T, ps []Problem) {
	t.Helper()
	for _, p := range ps {
		want, ok := levels[p.Code]
		if !ok {
			t.Errorf("unknown code %s (%s)", p.Code, p)
		} else if p.Level != want {
			t.Errorf("%s: level %s, want %s", p, p.Level, want)
		}
		if p.Message == "" || p.Line < 0 {
			t.Errorf("%s: no message or bad line", p)
		}
	}
}

// A checkTest is a document and the codes its check must report.
type checkTest struct {
	name string
	doc  string
	want []string
}

// run checks each test's document and compares the codes reported with
// the codes wanted.
func run(t *testing.T, check func([]byte, Options) []Problem, opt Options, tests []checkTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := check([]byte(tt.doc), opt)
			checkLevels(t, ps)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if got := codes(ps); !slices.Equal(got, want) {
				t.Errorf("codes = %v, want %v%s", got, want, summary(ps))
			}
		})
	}
}

// summary lists problems one a line, for failure messages.
func summary(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("\n\t")
		b.WriteString(p.String())
	}
	return b.String()
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit returns doc with the first old replaced by new; old must be there.
func edit(doc, old, new string) string {
	if !strings.Contains(doc, old) {
		panic("edit: " + old + " is not in the document")
	}
	return strings.Replace(doc, old, new, 1)
}
