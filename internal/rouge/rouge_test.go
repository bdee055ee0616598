package rouge

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// checkScores compares every field of got with want, allowing an absolute
// error of tol, and reports mismatches as Compare(ref, cand).Field.
func checkScores(t *testing.T, ref, cand string, got, want Scores, tol float64) {
	t.Helper()
	fields := []struct {
		name      string
		got, want float64
	}{
		{"Rouge1.Precision", got.Rouge1.Precision, want.Rouge1.Precision},
		{"Rouge1.Recall", got.Rouge1.Recall, want.Rouge1.Recall},
		{"Rouge1.F1", got.Rouge1.F1, want.Rouge1.F1},
		{"Rouge2.Precision", got.Rouge2.Precision, want.Rouge2.Precision},
		{"Rouge2.Recall", got.Rouge2.Recall, want.Rouge2.Recall},
		{"Rouge2.F1", got.Rouge2.F1, want.Rouge2.F1},
		{"RougeLsum.Precision", got.RougeLsum.Precision, want.RougeLsum.Precision},
		{"RougeLsum.Recall", got.RougeLsum.Recall, want.RougeLsum.Recall},
		{"RougeLsum.F1", got.RougeLsum.F1, want.RougeLsum.F1},
	}
	for _, f := range fields {
		if math.Abs(f.got-f.want) > tol {
			t.Errorf("Compare(%q, %q).%s = %v, want %v", ref, cand, f.name, f.got, f.want)
		}
	}
}

func TestCompareHandComputed(t *testing.T) {
	tests := []struct {
		name      string
		ref, cand string
		want      Scores
	}{
		{
			// Tokens are at most three letters, so nothing is stemmed.
			// ref:  the cat sat on the mat (6 tokens, "the" twice)
			// cand: the cat on the mat     (5 tokens, "the" twice)
			// ROUGE-1: overlap = the 2 + cat 1 + sat 0 + on 1 + mat 1 = 5
			//   P = 5/5 = 1, R = 5/6, F = 2*1*(5/6)/(1+5/6) = 10/11
			// ROUGE-2: ref bigrams the-cat cat-sat sat-on on-the the-mat (5)
			//   cand bigrams the-cat cat-on on-the the-mat (4)
			//   overlap = the-cat, on-the, the-mat = 3
			//   P = 3/4, R = 3/5, F = 2*(9/20)/(27/20) = 2/3
			// ROUGE-Lsum: one sentence each; LCS = the cat on the mat (5)
			//   P = 5/5, R = 5/6, F = 10/11
			name: "cat on the mat",
			ref:  "the cat sat on the mat",
			cand: "the cat on the mat",
			want: Scores{
				Rouge1:    Score{1, 5.0 / 6, 10.0 / 11},
				Rouge2:    Score{3.0 / 4, 3.0 / 5, 2.0 / 3},
				RougeLsum: Score{1, 5.0 / 6, 10.0 / 11},
			},
		},
		{
			// From rouge-score's testRouge1: "testing" stems to "test".
			// ref [test one two], cand [test]
			// ROUGE-1: overlap 1; P = 1/1, R = 1/3, F = (2/3)/(4/3) = 1/2
			// ROUGE-2: the candidate has no bigram: P = 0/max(0,1) = 0,
			//   R = 0/2 = 0, F = 0
			// ROUGE-Lsum: LCS = test; P = 1, R = 1/3, F = 1/2
			name: "single candidate token",
			ref:  "testing one two",
			cand: "testing",
			want: Scores{
				Rouge1:    Score{1, 1.0 / 3, 1.0 / 2},
				Rouge2:    Score{0, 0, 0},
				RougeLsum: Score{1, 1.0 / 3, 1.0 / 2},
			},
		},
		{
			// From rouge-score's testRouge2 and testRougeLConsecutive.
			// ref [test one two], cand [test one]
			// ROUGE-1: overlap 2; P = 2/2, R = 2/3, F = (4/3)/(5/3) = 4/5
			// ROUGE-2: ref test-one one-two, cand test-one; overlap 1
			//   P = 1/1, R = 1/2, F = 1/(3/2) = 2/3
			// ROUGE-Lsum: LCS = test one; P = 1, R = 2/3, F = 4/5
			name: "prefix",
			ref:  "testing one two",
			cand: "testing one",
			want: Scores{
				Rouge1:    Score{1, 2.0 / 3, 4.0 / 5},
				Rouge2:    Score{1, 1.0 / 2, 2.0 / 3},
				RougeLsum: Score{1, 2.0 / 3, 4.0 / 5},
			},
		},
		{
			// The summary-level LCS example of Lin (2004), section 3.2,
			// also rouge-score's testRougeLsum.
			// ref:  w1 w2 w3 w4 w5 (5 tokens)
			// cand: w1 w2 w6 w7 w8 / w1 w3 w8 w9 w5 (10 tokens)
			// ROUGE-1: overlap = w1 min(1,2) + w2 1 + w3 1 + w4 0 + w5 1 = 4
			//   P = 4/10, R = 4/5, F = 2*0.32/1.2 = 8/15
			// ROUGE-2 runs over the whole text, across the line break:
			//   ref w1w2 w2w3 w3w4 w4w5 (4); cand w1w2 w2w6 w6w7 w7w8
			//   w8w1 w1w3 w3w8 w8w9 w9w5 (9); overlap = w1w2 = 1
			//   P = 1/9, R = 1/4, F = 2*(1/36)/(13/36) = 2/13
			// ROUGE-Lsum: LCS with line 1 = w1 w2, with line 2 = w1 w3 w5;
			//   union = w1 w2 w3 w5, all still available in both counts:
			//   4 hits; P = 4/10, R = 4/5, F = 8/15
			name: "Lin section 3.2",
			ref:  "w1 w2 w3 w4 w5",
			cand: "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5",
			want: Scores{
				Rouge1:    Score{4.0 / 10, 4.0 / 5, 8.0 / 15},
				Rouge2:    Score{1.0 / 9, 1.0 / 4, 2.0 / 13},
				RougeLsum: Score{4.0 / 10, 4.0 / 5, 8.0 / 15},
			},
		},
		{
			// Two reference sentences matching the same candidate
			// sentence: the token counts stop a candidate token from
			// being counted twice.
			// ref:  S1 police arrested the man / S2 police released the man
			//       (8 tokens: police 2, arrested 1, released 1, the 2, man 2)
			// cand: police arrested the man (4 tokens, each once)
			// ROUGE-1: overlap = 1 + 1 + 0 + 1 + 1 = 4; P = 4/4, R = 4/8,
			//   F = 1/(3/2) = 2/3
			// ROUGE-2: ref police-arrested arrested-the the-man man-police
			//   police-released released-the the-man (7, the-man twice);
			//   cand police-arrested arrested-the the-man (3); overlap 3
			//   P = 3/3, R = 3/7, F = (6/7)/(10/7) = 3/5
			// ROUGE-Lsum: S1's union LCS is all 4 tokens: 4 hits, which use
			//   up every candidate count. S2's union LCS (police the man)
			//   finds the candidate counts at 0: no hit.
			//   hits = 4; P = 4/4, R = 4/8, F = 2/3
			name: "double counting",
			ref:  "Police arrested the man.\nPolice released the man.",
			cand: "Police arrested the man.",
			want: Scores{
				Rouge1:    Score{1, 1.0 / 2, 2.0 / 3},
				Rouge2:    Score{1, 3.0 / 7, 3.0 / 5},
				RougeLsum: Score{1, 1.0 / 2, 2.0 / 3},
			},
		},
		{
			// Lines are reordered and one candidate line is new.
			// ref:  S1 a b c / S2 d e (5 tokens)
			// cand: C1 d e / C2 x y / C3 a c (6 tokens)
			// ROUGE-1: overlap = a 1 + b 0 + c 1 + d 1 + e 1 = 4
			//   P = 4/6 = 2/3, R = 4/5, F = (16/15)/(22/15) = 8/11
			// ROUGE-2: ref ab bc cd de (4); cand de ex xy ya ac (5);
			//   overlap de = 1; P = 1/5, R = 1/4, F = 2*(1/20)/(9/20) = 2/9
			// ROUGE-Lsum: S1 vs C3 gives a c, vs C1 and C2 nothing: union
			//   a c, 2 hits. S2 vs C1 gives d e: 2 hits. hits = 4;
			//   P = 4/6, R = 4/5, F = 8/11
			name: "reordered sentences",
			ref:  "a b c\nd e",
			cand: "d e\nx y\na c",
			want: Scores{
				Rouge1:    Score{2.0 / 3, 4.0 / 5, 8.0 / 11},
				Rouge2:    Score{1.0 / 5, 1.0 / 4, 2.0 / 9},
				RougeLsum: Score{2.0 / 3, 4.0 / 5, 8.0 / 11},
			},
		},
		{
			// Stemming: "running" and "runs" both stem to "run", and
			// "fast" is unchanged, so both texts are [run fast].
			name: "stemming",
			ref:  "running fast",
			cand: "runs fast",
			want: Scores{
				Rouge1:    Score{1, 1, 1},
				Rouge2:    Score{1, 1, 1},
				RougeLsum: Score{1, 1, 1},
			},
		},
		{
			// "ran" is irregular and not stemmed: ref [run away],
			// cand [ran away]; only "away" matches.
			// ROUGE-1: P = 1/2, R = 1/2, F = 1/2
			// ROUGE-2: run-away vs ran-away: 0
			// ROUGE-Lsum: LCS = away: P = R = F = 1/2
			name: "irregular verb",
			ref:  "running away",
			cand: "ran away",
			want: Scores{
				Rouge1:    Score{0.5, 0.5, 0.5},
				Rouge2:    Score{0, 0, 0},
				RougeLsum: Score{0.5, 0.5, 0.5},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.ref, tt.cand)
			checkScores(t, tt.ref, tt.cand, got, tt.want, 1e-12)
		})
	}
}

func TestCompareEdgeCases(t *testing.T) {
	zero := Scores{}
	one := Scores{Score{1, 1, 1}, Score{1, 1, 1}, Score{1, 1, 1}}
	tests := []struct {
		name      string
		ref, cand string
		want      Scores
	}{
		{"empty candidate", "testing one two", "", zero},
		{"empty reference", "", "testing one two", zero},
		{"both empty", "", "", zero},
		{"punctuation only candidate", "w1 w2 w3 w4 w5", "/", zero},
		{"blank lines only", "\n\n", " \n", zero},
		{"identical", "The cat sat on the mat.", "The cat sat on the mat.", one},
		{"identical multi-line", "One line here.\nAnother line.", "One line here.\nAnother line.", one},
		{"case and punctuation ignored", "The cat, sat!", "the CAT sat", one},
		// Empty lines are dropped before the summary-level LCS.
		{"empty lines dropped", "a b\n\n\nc d\n", "a b\nc d", one},
		// A single token has no bigram, so ROUGE-2 is 0 even for
		// identical texts (rouge-score divides by max(count, 1)).
		{"identical single word", "hello", "hello", Scores{Score{1, 1, 1}, Score{}, Score{1, 1, 1}}},
		// Nothing in common.
		{"disjoint", "alpha beta", "gamma delta", zero},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.ref, tt.cand)
			checkScores(t, tt.ref, tt.cand, got, tt.want, 1e-12)
		})
	}
}

// Test data and expected values from rouge-score's rouge_scorer_test.py,
// whose "ground truth" scores come from runs of the official ROUGE-1.5.5
// Perl script with stemming (-m). The texts are testdata/target.txt,
// testdata/prediction.txt and pyrouge_files/{target,prediction}_multi.0.txt
// of google-research/rouge.
const (
	target0     = `ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L`
	prediction0 = `rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi`
	target1     = `KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN`
	prediction1 = `n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD`

	targetMulti = `ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L
KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN
NhETebUbBk'er WOvoHMTjSRizKgH'vHiing Xu,hWxfs VkNE QhgKiLHE -HidivzoM.dO anhtion jbLQiSGDTCsuhREebUaKM dv J dVN tmbOT
vMR HDm,xOAetion D,tion HJtodT.mHl UIv-p VjWH'BdyWjnfGU-OjT aEMdFICyLWfQMtion wEMfdOKing AwkeKbO 'DxqNOHBH qKtVvm OYJl mM
`
	predictionMulti = `rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi
n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD
xfs VkJE QhgKiLHE -HidivzoM.dO anhing jbLQiSGDTCsuhREebUaKM dv J
VjWH'BdyWjnfGU-OjTNaEMdFICyLWfQMing wEMfdOKijg AwkeKbO 'DxqNO
`
)

func TestCompareAgainstRouge155(t *testing.T) {
	// assertAlmostEqual(..., places=5) in the Python tests.
	const tol = 5e-6
	tests := []struct {
		name      string
		ref, cand string
		field     string
		got       func(Scores) Score
		want      Score
	}{
		{"rouge1 #0", target0, prediction0, "Rouge1",
			func(s Scores) Score { return s.Rouge1 }, Score{0.68750, 0.40741, 0.51163}},
		{"rouge1 #1", target1, prediction1, "Rouge1",
			func(s Scores) Score { return s.Rouge1 }, Score{0.69231, 0.42857, 0.52941}},
		{"rouge2 #0", target0, prediction0, "Rouge2",
			func(s Scores) Score { return s.Rouge2 }, Score{0.53333, 0.30769, 0.39024}},
		{"rouge2 #1", target1, prediction1, "Rouge2",
			func(s Scores) Score { return s.Rouge2 }, Score{0.48000, 0.29268, 0.36364}},
		{"rougeLsum multi", targetMulti, predictionMulti, "RougeLsum",
			func(s Scores) Score { return s.RougeLsum }, Score{0.66667, 0.36538, 0.47205}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.got(Compare(tt.ref, tt.cand))
			for _, f := range []struct {
				name      string
				got, want float64
			}{
				{"Precision", got.Precision, tt.want.Precision},
				{"Recall", got.Recall, tt.want.Recall},
				{"F1", got.F1, tt.want.F1},
			} {
				if math.Abs(f.got-f.want) > tol {
					t.Errorf("Compare(%q, %q).%s.%s = %v, want %v", tt.ref, tt.cand, tt.field, f.name, f.got, f.want)
				}
			}
		})
	}
}

func TestMean(t *testing.T) {
	a := Scores{Score{1, 0.5, 0.25}, Score{0, 0, 0}, Score{0.5, 0.5, 0.5}}
	b := Scores{Score{0, 0.5, 0.75}, Score{1, 1, 1}, Score{0.25, 0.75, 0.5}}
	want := Scores{Score{0.5, 0.5, 0.5}, Score{0.5, 0.5, 0.5}, Score{0.375, 0.625, 0.5}}
	if got := Mean([]Scores{a, b}); got != want {
		t.Errorf("Mean(a, b) = %+v, want %+v", got, want)
	}
	if got := Mean([]Scores{a}); got != a {
		t.Errorf("Mean(a) = %+v, want %+v", got, a)
	}
	if got := Mean(nil); got != (Scores{}) {
		t.Errorf("Mean(nil) = %+v, want zero", got)
	}
}

func ExampleCompare() {
	s := Compare("the cat sat on the mat", "the cat on the mat")
	fmt.Printf("ROUGE-1    P=%.3f R=%.3f F1=%.3f\n", s.Rouge1.Precision, s.Rouge1.Recall, s.Rouge1.F1)
	fmt.Printf("ROUGE-2    P=%.3f R=%.3f F1=%.3f\n", s.Rouge2.Precision, s.Rouge2.Recall, s.Rouge2.F1)
	fmt.Printf("ROUGE-Lsum P=%.3f R=%.3f F1=%.3f\n", s.RougeLsum.Precision, s.RougeLsum.Recall, s.RougeLsum.F1)
	// Output:
	// ROUGE-1    P=1.000 R=0.833 F1=0.909
	// ROUGE-2    P=0.750 R=0.600 F1=0.667
	// ROUGE-Lsum P=1.000 R=0.833 F1=0.909
}

// benchTexts returns a reference of about 600 words in 30 lines and a
// candidate that keeps about two thirds of its words.
func benchTexts() (ref, cand string) {
	words := strings.Fields(`the committee announced on tuesday that funding
		for public libraries would increase next year while several rural
		branches expected longer opening hours and new digital services for
		readers students and researchers across the region`)
	var r, c strings.Builder
	for line := range 30 {
		for i := range 20 {
			w := words[(line*7+i*3)%len(words)]
			r.WriteString(w + " ")
			if (line+i)%3 != 0 {
				c.WriteString(w + " ")
			}
		}
		r.WriteString(".\n")
		c.WriteString(".\n")
	}
	return r.String(), c.String()
}

func BenchmarkCompare(b *testing.B) {
	ref, cand := benchTexts()
	for b.Loop() {
		Compare(ref, cand)
	}
}
