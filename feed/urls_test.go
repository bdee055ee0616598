package feed

import "testing"

func TestAbsoluteURLs(t *testing.T) {
	base := "https://example.com/articles/post"
	tests := []struct{ in, want string }{
		{`<p>No links.</p>`, `<p>No links.</p>`},
		{`<a href="https://other.example/x">x</a>`, `<a href="https://other.example/x">x</a>`},
		{`<a href="/about">about</a>`, `<a href="https://example.com/about">about</a>`},
		{`<img src="img/a.png" alt="a"/>`, `<img src="https://example.com/articles/img/a.png" alt="a"/>`},
		{`<a href="#fn1">1</a>`, `<a href="https://example.com/articles/post#fn1">1</a>`},
		{`<img srcset="a.png 1x, /b.png 2x"/>`, `<img srcset="https://example.com/articles/a.png 1x, https://example.com/b.png 2x"/>`},
		{`<a href="mailto:a@example.com">m</a>`, `<a href="mailto:a@example.com">m</a>`},
	}
	for _, tt := range tests {
		if got := absoluteURLs(tt.in, base); got != tt.want {
			t.Errorf("absoluteURLs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
