package rouge

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	// Expected values are those of rouge-score's tokenize.tokenize with
	// NLTK's PorterStemmer.
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"  \n\t ", nil},
		{"?!", nil},
		{"Running runs RUN!", []string{"run", "run", "run"}},
		{"The cat's mat.", []string{"the", "cat", "s", "mat"}},
		// Only tokens longer than three characters are stemmed:
		// Stem("was") is "wa", but "was" stays as it is.
		{"was news", []string{"was", "news"}},
		{"don't stop-believing", []string{"don", "t", "stop", "believ"}},
		{"e-mail: Foo_Bar@example.com, 2024-05-01",
			[]string{"e", "mail", "foo", "bar", "exampl", "com", "2024", "05", "01"}},
		// Non-ASCII letters separate tokens.
		{"Ünïcödé café", []string{"n", "c", "d", "caf"}},
		// Python lowercases İ to "i" plus a combining dot, which is not
		// in [a-z0-9].
		{"İstanbul", []string{"i", "stanbul"}},
		// U+212A KELVIN SIGN lowercases to an ASCII k.
		{"\u212Aelvin", []string{"kelvin"}},
	}
	for _, tt := range tests {
		if got := Tokenize(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
