package source

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// policy is the one sanitizer for every piece of article HTML that reaches a
// feed or a page: bluemonday's policy for user-generated content (links,
// images, tables, lists, code; no scripts, styles, forms or event handlers),
// plus footnote ids and the classes of code blocks.
var policy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^[A-Za-z0-9:_.-]+$`)).Globally()
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^(language-[\w+#-]+|footnotes?|footnote-ref|footnote-backref)$`)).Globally()
	p.RequireNoFollowOnLinks(false)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	return p
}()

// sanitize returns html with everything unsafe removed.
func sanitize(html string) string {
	return policy.Sanitize(html)
}
