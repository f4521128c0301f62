// Package model holds the Threatboard document: a threat model with its
// sessions, diagrams, threats, attack trees and actions, the versioned JSON
// codec, validation, geometry and the edit commands with their undo history.
//
// The package never imports Fyne: the CLI and every headless test use it.
package model

// Model is one threat model: one file on disk.
type Model struct {
	ID             string
	Title          string
	Owner          string
	Description    string
	Scope          string
	Classification string // free text such as "Internal"; printed on every report page
	Version        string // the document's own version, e.g. "1.2", not the file format's
	Sessions       []*Session
	NextSession    Date // zero when not planned
	Diagrams       []*Diagram
	AttackTrees    []*AttackTree
	Actions        []*Action
}

// Session is one threat-modeling meeting.
type Session struct {
	ID           string
	Date         Date
	Duration     int // planned, in minutes
	Actual       int // how long it took, in minutes; zero until known
	Participants []Participant
	Notes        string
}

// Participant is a person at a session and the role they bring.
type Participant struct {
	Name string
	Role string // free text: developer, operations, security, product owner, …
}

// Diagram is the data flow diagram of one use case.
type Diagram struct {
	ID          string
	Title       string // the use case, e.g. "Authentication"
	Description string
	// Checklist names the checklist walked for this diagram's elements:
	// "stride", "linddun" or the ID of a user's own checklist. Empty means STRIDE.
	Checklist  string
	Parent     string // ID of the multi-process this diagram opens, or empty
	Background *Background
	Elements   []*Element // back to front
	Flows      []*Flow
	Boundaries []*Boundary

	index   map[string]int // element ID → position in Elements; nil when stale
	flowIdx *flowIndex     // flows by ID and by end; nil when stale
}

// Background is an image (a whiteboard photo) drawn dimmed behind a diagram.
type Background struct {
	Path    string  // relative to the model file
	Bounds  Rect    // where the image is drawn, in diagram units
	Opacity float64 // 0..1
	// Rotation turns the image clockwise by quarter turns (0..3), on top of
	// the orientation its camera recorded: phone photos come sideways.
	Rotation int
	// Locked lets clicks go through the image to the shapes traced on it.
	Locked bool
}

// Element is a node of a data flow diagram: actor, process, multi-process,
// data store or text note.
type Element struct {
	ID     string
	Kind   Kind
	Bounds Rect
	Common

	// Actor properties.
	Human         bool // a person rather than a system
	Authenticates bool // the actor proves its identity

	// Process and multi-process properties.
	WebApplication       bool
	PrivilegeLevel       string // e.g. "root", "service account", "user"
	ParsesUntrustedInput bool
	AuthenticatesUsers   bool
	AuthorizesRequests   bool
	WritesAuditLog       bool
	HandlesPayments      bool
	HandlesPersonalData  bool
	ThirdPartyCode       bool

	// Data store properties.
	IsLog              bool
	EncryptedAtRest    bool
	Signed             bool // integrity-protected
	StoresCredentials  bool
	StoresPersonalData bool
	StoresSecrets      bool
	BackedUp           bool
	Shared             bool

	// Child is the ID of the diagram a multi-process opens into, or empty.
	Child string
}

// Common holds what elements and flows both carry.
type Common struct {
	Name             string
	Description      string
	OutOfScope       bool
	OutOfScopeReason string
	Technology       string
	Owner            string
	Tags             []string
	Controls         []Control
	Threats          []*Threat
	// Dismissed lists rule IDs whose suggestions for this object were
	// dismissed as not applicable, so a new analysis does not offer them again.
	Dismissed []string
	// Discussed is the coverage of this object: the checklist categories a
	// session went through with it, at most one entry per category.
	Discussed []Discussion
}

// Discussion records that a session discussed one checklist category of an
// element or flow: when, and whether threats were found.
type Discussion struct {
	Category string // a checklist category ID such as "spoofing"
	Date     Date
	Outcome  Outcome
}

// Control is one row of an element's security controls table.
type Control struct {
	Name    string // e.g. "TLS", "Rate limiting"
	InPlace bool
	Notes   string
}

// Flow is a data flow between two elements.
type Flow struct {
	ID        string
	From, To  string  // element IDs
	Waypoints []Point // bends between the two ends
	// LabelOffset is how far the label was dragged from the middle of the
	// flow's polyline, where it sits by default.
	LabelOffset Point
	Common

	Protocol                 string
	Encrypted                bool
	AuthenticatesSource      bool
	AuthenticatesDestination bool
	PublicNetwork            bool
	Bidirectional            bool
	Classification           DataClass
	CarriesCredentials       bool
	CarriesPersonalData      bool
}

// Boundary is a trust boundary: an open dotted line or a dashed box.
type Boundary struct {
	ID          string
	Name        string
	Description string
	Shape       BoundaryShape
	Points      []Point // the polyline of a line boundary (at least two)
	Bounds      Rect    // the box of a box boundary
}

// Threat is one threat recorded against an element or a flow.
type Threat struct {
	ID            string
	Title         string
	Category      string // a checklist category ID such as "spoofing" or "linkability"
	Description   string
	Likelihood    Level
	Impact        Level
	Mitigation    string
	Decision      Decision
	Justification string // required for accept and transfer
	AcceptedBy    string // who accepted the risk
	TransferredTo string // insurer, supplier, contract
	Owner         string
	Ticket        string
	Due           Date
	Status        Status
	RuleID        string // the rule that suggested it, empty for a hand-written threat
}

// AttackTree refines one attacker goal into AND/OR sub-goals.
type AttackTree struct {
	ID    string
	Title string
	// Target is the ID of the element or threat the tree hangs off, or empty.
	Target string
	// FeedsLikelihood sets the target threat's likelihood from the root's
	// computed probability.
	FeedsLikelihood bool
	Root            *Node
}

// Node is a goal in an attack tree. AND and OR nodes have children; a leaf
// carries the values that flow up to the root.
type Node struct {
	ID              string
	Title           string
	Type            NodeType
	Probability     float64 // 0..1; used when Level is unset
	Level           Level   // Low/Medium/High in place of a probability
	Cost            float64 // the attacker's cost, in the model's own unit
	Skill           int     // 1 (script kiddie) .. 5 (nation state)
	Countermeasures []Countermeasure
	Children        []*Node
}

// Countermeasure lowers a leaf's probability by its strength when in place.
type Countermeasure struct {
	Title    string
	Strength float64 // 0..1: p becomes p·(1−strength)
	InPlace  bool
}

// Action is a follow-up task agreed in a session.
type Action struct {
	ID       string
	Title    string
	ThreatID string // the threat it addresses, or empty
	Notes    string // what is to be done, e.g. the threat's mitigation
	Owner    string
	Ticket   string
	Due      Date
	Status   Status
	// Reviewed is the day a later session checked that the action was
	// taken and works ("done and verified on …"); zero until then.
	Reviewed   Date
	ReviewNote string
}
