package indexer

// TEMPORARY stub, replaced by the learner on branch h-boiler.

type Boilerplate struct {
	Articles    int                 `json:"articles"`
	SourcesSeen int                 `json:"sources_seen"`
	Sources     []SourceBoilerplate `json:"sources"`
}
type SourceBoilerplate struct {
	Source   string        `json:"source"`
	Articles int           `json:"articles"`
	Lines    []LearnedLine `json:"lines"`
}
type LearnedLine struct {
	Text     string `json:"text"`
	Articles int    `json:"articles"`
	Titles   int    `json:"titles,omitempty"`
}

func (b *Boilerplate) Strip(a *Article) int             { return 0 }
func (b *Boilerplate) Save(path string) error           { return nil }
func LoadBoilerplate(path string) (*Boilerplate, error) { return &Boilerplate{}, nil }

type BoilerplateLearner struct{}

func NewBoilerplateLearner() *BoilerplateLearner  { return &BoilerplateLearner{} }
func (l *BoilerplateLearner) Add(a *Article)      {}
func (l *BoilerplateLearner) Learn() *Boilerplate { return &Boilerplate{} }
