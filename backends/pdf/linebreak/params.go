package linebreak

// Params are the line-breaking parameters, named after their TeX
// counterparts. Badness values use TeX's scale (100 for a stretch ratio of
// 1, at most 10000).
type Params struct {
	// Pretolerance is the badness limit of the first pass, which ignores
	// automatic hyphenation points; a negative value skips that pass.
	Pretolerance float64
	// Tolerance is the badness limit of the second pass.
	Tolerance float64
	// LinePenalty is added to every line's badness before squaring.
	LinePenalty float64
	// AdjDemerits is charged when adjacent lines have fitness classes
	// more than one apart (for example a very loose line after a tight one).
	AdjDemerits float64
	// DoubleHyphenDemerits is charged for two consecutive lines ending at
	// flagged (hyphen) breaks.
	DoubleHyphenDemerits float64
	// FinalHyphenDemerits is charged when the second-last line of the
	// paragraph ends at a flagged break.
	FinalHyphenDemerits float64
	// EmergencyStretch is extra background stretch assumed when rating
	// lines in the emergency pass, which runs when the second pass finds
	// no solution. In that pass any line that is not overfull is
	// acceptable, so lines may be looser than Tolerance but never wider
	// than their measure. Zero or less means 10% of the line's measure.
	EmergencyStretch float64
	// SkipEmergency disables the emergency pass; paragraphs without a
	// solution then get TeX's overfull fallback.
	SkipEmergency bool
	// Expansion is the fraction by which the boxes of a line may be set
	// wider or narrower (font expansion, pdfTeX's \pdfadjustspacing):
	// it adds Expansion times the boxes' width to a line's stretch and
	// shrink. Zero sets every box at its width.
	Expansion float64
	// MaxHyphenRun is the most consecutive lines that may end at
	// flagged breaks; a longer run costs HyphenRunDemerits. Zero means
	// no limit.
	MaxHyphenRun int
	// HyphenRunDemerits is charged for a line that makes the run of
	// hyphenated lines longer than MaxHyphenRun.
	HyphenRunDemerits float64
}

// DefaultParams returns TeX's plain-format defaults: pretolerance 100,
// tolerance 200, linepenalty 10, adjdemerits 10000, doublehyphendemerits
// 10000, finalhyphendemerits 5000.
func DefaultParams() Params {
	return Params{
		Pretolerance:         100,
		Tolerance:            200,
		LinePenalty:          10,
		AdjDemerits:          10000,
		DoubleHyphenDemerits: 10000,
		FinalHyphenDemerits:  5000,
	}
}
