package feedcheck

import (
	"fmt"
	"sort"
	"time"
)

// Level says how serious a [Problem] is. The W3C validator calls a feed
// valid when it reports no Error; a Warning is a recommendation.
type Level int

const (
	// Error marks a problem the validator reports as an error: the feed
	// is not valid.
	Error Level = iota + 1
	// Warning marks a problem the validator reports as a warning: the
	// feed is valid but readers may mishandle it.
	Warning
)

// String returns "error" or "warning".
func (l Level) String() string {
	switch l {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// A Problem is one thing wrong with a feed document.
type Problem struct {
	Level Level
	// Code names the problem. For RSS and Atom it is the name of the W3C
	// validator's message class (its docs/error and docs/warning pages),
	// such as "MissingAtomSelfLink". JSON Feed codes follow the same style.
	Code    string
	Message string
	Line    int // 1-based line of the document, or 0 if unknown
}

// String formats p as "line 3: warning MissingGuid: item should contain a guid element".
func (p Problem) String() string {
	return fmt.Sprintf("line %d: %s %s: %s", p.Line, p.Level, p.Code, p.Message)
}

// Options tune a check.
type Options struct {
	// URL is where the feed is served. When set, a self link that points
	// elsewhere is reported (SelfDoesntMatchLocation). Empty skips that check.
	URL string
	// Now is the time dates are compared with: a date more than ten
	// minutes after Now is implausible. The zero value means time.Now().
	Now time.Time
}

// report collects problems for one document.
type report struct {
	problems []Problem
	now      time.Time
}

func newReport(opt Options) *report {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	return &report{now: now}
}

func (r *report) add(level Level, line int, code, format string, args ...any) {
	r.problems = append(r.problems, Problem{Level: level, Code: code, Message: fmt.Sprintf(format, args...), Line: line})
}

func (r *report) errorf(line int, code, format string, args ...any) {
	r.add(Error, line, code, format, args...)
}

func (r *report) warnf(line int, code, format string, args ...any) {
	r.add(Warning, line, code, format, args...)
}

// result returns the problems in document order.
func (r *report) result() []Problem {
	sort.SliceStable(r.problems, func(i, j int) bool { return r.problems[i].Line < r.problems[j].Line })
	return r.problems
}
