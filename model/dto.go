package model

// The persisted form of a model, kept apart from the domain types: the file
// is a contract that changes only with the format version, while the domain
// types may change freely. Field order is the key order in the file; enums
// and dates are plain strings here so that every bad value can be reported
// with its path instead of stopping at the first one. Pointers mark values
// whose absence must be told from zero.

// fileDTO is the top-level object of a .threatboard.json file.
type fileDTO struct {
	Format          string          `json:"format"`
	Version         int             `json:"version"`
	ID              string          `json:"id,omitempty"`
	Title           string          `json:"title,omitempty"`
	Owner           string          `json:"owner,omitempty"`
	Description     string          `json:"description,omitempty"`
	Scope           string          `json:"scope,omitempty"`
	Classification  string          `json:"classification,omitempty"`
	DocumentVersion string          `json:"documentVersion,omitempty"`
	NextSession     string          `json:"nextSession,omitempty"`
	Sessions        []sessionDTO    `json:"sessions,omitempty"`
	Diagrams        []diagramDTO    `json:"diagrams,omitempty"`
	AttackTrees     []attackTreeDTO `json:"attackTrees,omitempty"`
	Actions         []actionDTO     `json:"actions,omitempty"`
}

type sessionDTO struct {
	ID           string           `json:"id"`
	Date         string           `json:"date,omitempty"`
	Duration     int              `json:"duration,omitempty"`
	Actual       int              `json:"actualDuration,omitempty"`
	Participants []participantDTO `json:"participants,omitempty"`
	Notes        string           `json:"notes,omitempty"`
}

type participantDTO struct {
	Name string `json:"name,omitempty"`
	Role string `json:"role,omitempty"`
}

type diagramDTO struct {
	ID          string         `json:"id"`
	Title       string         `json:"title,omitempty"`
	Description string         `json:"description,omitempty"`
	Checklist   string         `json:"checklist,omitempty"`
	Parent      string         `json:"parent,omitempty"`
	Background  *backgroundDTO `json:"background,omitempty"`
	Elements    []elementDTO   `json:"elements,omitempty"`
	Flows       []flowDTO      `json:"flows,omitempty"`
	Boundaries  []boundaryDTO  `json:"boundaries,omitempty"`
}

type backgroundDTO struct {
	Path     string   `json:"path,omitempty"`
	Bounds   *rectDTO `json:"bounds"`
	Opacity  float64  `json:"opacity,omitempty"`
	Rotation int      `json:"rotation,omitempty"`
	Locked   bool     `json:"locked,omitempty"`
}

// rectDTO and pointDTO always write every coordinate: a rectangle at 0,0 is
// still a rectangle, and a diff of a move then shows one changed number.
type rectDTO struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

type pointDTO struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// listsDTO is inlined into elements and flows, after their common
// properties.
type listsDTO struct {
	Tags      []string        `json:"tags,omitempty"`
	Controls  []controlDTO    `json:"controls,omitempty"`
	Threats   []threatDTO     `json:"threats,omitempty"`
	Dismissed []string        `json:"dismissed,omitempty"`
	Discussed []discussionDTO `json:"discussed,omitempty"`
}

// propsDTO holds the values of an element's or a flow's properties, by
// their slots in the property table.
type propsDTO struct {
	bools uint32 // bit i: the yes/no property in slot i is true
	texts [8]string
}

// propsAt marks where a block of the property table is written: the
// properties Common holds (after the name) or the element's or flow's own
// (after the lists). The parser and the writer give each property of the
// block a key of its own, named by the table, in the table's order and
// left out when false or empty; the values are in the DTO's Props
// (codec_props.go). The tag names the block: <element|flow>,<common|own>.
type propsAt struct{}

// maxPropBools is how many yes/no properties a block can hold.
const maxPropBools = 32

type discussionDTO struct {
	Category string `json:"category"`
	Date     string `json:"date,omitempty"`
	Outcome  string `json:"outcome"`
}

type controlDTO struct {
	Name    string `json:"name,omitempty"`
	InPlace bool   `json:"inPlace,omitempty"`
	Notes   string `json:"notes,omitempty"`
}

// elementDTO carries the own properties of every kind in the order of the
// property table; only those of the element's kind are ever written.
type elementDTO struct {
	ID     string   `json:"id"`
	Kind   string   `json:"kind"`
	Bounds *rectDTO `json:"bounds"`
	Name   string   `json:"name,omitempty"`
	Common propsAt  `json:"-" props:"element,common"`
	listsDTO
	Own   propsAt  `json:"-" props:"element,own"`
	Child string   `json:"child,omitempty"`
	Props propsDTO `json:"-"`
}

type flowDTO struct {
	ID          string     `json:"id"`
	From        string     `json:"from"`
	To          string     `json:"to"`
	Waypoints   []pointDTO `json:"waypoints,omitempty"`
	LabelOffset *pointDTO  `json:"labelOffset,omitempty"`
	Name        string     `json:"name,omitempty"`
	Common      propsAt    `json:"-" props:"flow,common"`
	listsDTO
	Own   propsAt  `json:"-" props:"flow,own"`
	Props propsDTO `json:"-"`
}

type boundaryDTO struct {
	ID          string     `json:"id"`
	Name        string     `json:"name,omitempty"`
	Description string     `json:"description,omitempty"`
	Shape       string     `json:"shape"`
	Points      []pointDTO `json:"points,omitempty"`
	Bounds      *rectDTO   `json:"bounds,omitempty"`
}

type threatDTO struct {
	ID            string `json:"id"`
	Title         string `json:"title,omitempty"`
	Category      string `json:"category,omitempty"`
	Description   string `json:"description,omitempty"`
	Likelihood    string `json:"likelihood,omitempty"`
	Impact        string `json:"impact,omitempty"`
	Mitigation    string `json:"mitigation,omitempty"`
	Decision      string `json:"decision,omitempty"`
	Justification string `json:"justification,omitempty"`
	AcceptedBy    string `json:"acceptedBy,omitempty"`
	TransferredTo string `json:"transferredTo,omitempty"`
	Owner         string `json:"owner,omitempty"`
	Ticket        string `json:"ticket,omitempty"`
	Due           string `json:"due,omitempty"`
	Status        string `json:"status,omitempty"`
	RuleID        string `json:"ruleId,omitempty"`
}

type attackTreeDTO struct {
	ID              string   `json:"id"`
	Title           string   `json:"title,omitempty"`
	Target          string   `json:"target,omitempty"`
	FeedsLikelihood bool     `json:"feedsLikelihood,omitempty"`
	Root            *nodeDTO `json:"root"`
}

type nodeDTO struct {
	ID              string              `json:"id"`
	Title           string              `json:"title,omitempty"`
	Type            string              `json:"type"`
	Probability     float64             `json:"probability,omitempty"`
	Level           string              `json:"level,omitempty"`
	Cost            float64             `json:"cost,omitempty"`
	Skill           int                 `json:"skill,omitempty"`
	Countermeasures []countermeasureDTO `json:"countermeasures,omitempty"`
	Children        []nodeDTO           `json:"children,omitempty"`
}

type countermeasureDTO struct {
	Title    string  `json:"title,omitempty"`
	Strength float64 `json:"strength,omitempty"`
	InPlace  bool    `json:"inPlace,omitempty"`
}

type actionDTO struct {
	ID         string `json:"id"`
	Title      string `json:"title,omitempty"`
	ThreatID   string `json:"threatId,omitempty"`
	Notes      string `json:"notes,omitempty"`
	Owner      string `json:"owner,omitempty"`
	Ticket     string `json:"ticket,omitempty"`
	Due        string `json:"due,omitempty"`
	Status     string `json:"status,omitempty"`
	Reviewed   string `json:"reviewed,omitempty"`
	ReviewNote string `json:"reviewNote,omitempty"`
}
