package samplegen

// This file holds the invented vocabulary the sample corpus is written from:
// per-tag topics (slot word lists, story angles, sentence templates), the
// global word lists, and a few fixed German and French article templates.
//
// Templates use {slot} placeholders. A slot is looked up, in order, in the
// numeric generators (numSlots), the date-derived slots, the person slots,
// the topic's lists and the global lists; a trailing "2" or "3" asks for a
// different value from the same list ({org2} is never {org}). Values may
// themselves contain slots ({role} -> "chief executive of {org}").

// angle is one kind of story within a topic (an earnings beat, a takeover,
// a strike...): its titles and lead sentences go together, and its details
// only make sense for that kind of story.
type angle struct {
	titles   []string
	leads    []string
	details  []string
	quotes   []string            // used before the topic's quotes
	outlooks []string            // preferred over the topic's outlooks
	slots    map[string][]string // override the topic's lists
}

// topic is everything needed to write stories for one tag.
type topic struct {
	tag      string
	related  []string // tags that may be added as secondary tags
	slots    map[string][]string
	angles   []angle
	details  []string // fit any story of the topic
	quotes   []string
	outlooks []string
	context  []string // slot-free; used when the tag is a story's secondary tag
}

// allTags is the shared tag vocabulary, in a fixed order.
var allTags = []string{
	"markets", "crypto", "energy", "elections", "climate", "sports", "technology",
	"health", "science", "trade", "housing", "transport", "agriculture", "labor", "regulation",
}

var globalSlots = map[string][]string{
	"city": {
		"Rotterdam", "Houston", "Singapore", "Denver", "Lagos", "Osaka", "Valparaíso", "Gdańsk",
		"Montréal", "São Paulo", "Aberdeen", "Perth", "Calgary", "Nairobi", "Hamburg", "Lyon",
		"Seoul", "Tacoma", "Duluth", "Pittsburgh", "Boise", "Tulsa", "Malmö", "Antwerp", "Halifax",
		"Busan", "Cape Town", "Lisbon", "Auckland", "Bilbao", "Leeds", "Kraków", "Mombasa", "Adelaide",
	},
	"region": {
		"southern Europe", "the Pacific Northwest", "the Midwest", "Southeast Asia", "northern Europe",
		"Latin America", "the Gulf Coast", "eastern Canada", "West Africa", "the Nordic countries",
	},
	"firm": {
		"Brightwater Research", "Kellan & Moss", "Ostrava Partners", "Fenwick Analytics",
		"Tidewater Economics", "Northgate Advisory", "Larkspur Capital", "Halloran Securities",
		"Quayside Investment Partners", "Corbel Strategy Group", "Ashmore Lane Research", "Pike & Faraday",
	},
	"university": {
		"Eastbrook University", "the University of Lindmoor", "Carrow College", "the Westfield Institute",
		"Harwick University", "the Technical University of Rennfeld", "Saint Brendan's College",
	},
	"country": {
		"China", "the European Union", "Canada", "Mexico", "Japan", "India", "Brazil",
		"South Korea", "Vietnam", "the United Kingdom", "Australia", "Indonesia",
	},
}

var firstNames = []string{
	"Adrian", "Beatriz", "Carl", "Dana", "Emeka", "Farah", "Gustavo", "Helen", "Ibrahim", "Joanna",
	"Kenji", "Laura", "Mateo", "Nina", "Olu", "Patrick", "Qian", "Rosa", "Stefan", "Tamara", "Umar",
	"Vera", "William", "Ximena", "Yusuf", "Zoe", "Aisha", "Bruno", "Chloe", "Dmitri", "Esther",
	"Frank", "Greta", "Hiroshi", "Inès", "Jamal", "Katrin", "Leon", "Maya", "Nikolai", "Orla",
	"Pedro", "Rachel", "Sanjay", "Thea", "Victor", "Wanda", "Yara", "Tomás", "Ingrid",
}

var lastNames = []string{
	"Abernathy", "Bianchi", "Castillo", "Donnelly", "Eriksen", "Fontaine", "Gallagher", "Hoffmann",
	"Iwu", "Jablonski", "Kaur", "Lindholm", "Mwangi", "Novak", "O'Sullivan", "Petrov", "Quintero",
	"Rasmussen", "Schreiber", "Takahashi", "Underwood", "Valdez", "Whitaker", "Xu", "Yilmaz",
	"Zeller", "Adeyemi", "Brandt", "Carvalho", "Dubois", "Esposito", "Fairweather", "Grünewald",
	"Haddad", "Ishikawa", "Jovanović", "Kowalczyk", "Larsen", "Moreau", "Nakamura", "Okonkwo",
	"Pereira", "Rourke", "Sandoval", "Thorne", "Vasquez", "Wexley", "Yamada", "Ziegler", "McAllister",
}

// genericContext sentences fit a paragraph of any English story; {subject}
// comes from the story's main topic.
var genericContext = []string{
	"The announcement comes at a sensitive time for the {subject}, which has been volatile for much of the year.",
	"It is the {ordinal} announcement of its kind this year.",
	"Similar moves elsewhere have had mixed results, according to a review published by {firm}.",
	"A spokesperson declined to comment beyond the written statement.",
	"The development had been widely expected by people who follow the {subject} closely.",
	"The news drew a flurry of reactions on social media within minutes.",
}

// foreignArticle is a fixed short article template in another language; each
// is used at most once, so templates need no variety of their own.
type foreignArticle struct {
	lang   string
	tags   []string
	title  string
	paras  [][]string // sentences per paragraph
	author int        // index into the publisher's foreign authors
}

var foreignSlots = map[string][]string{
	"stadt":     {"Zürich", "Basel", "Bern", "St. Gallen", "Luzern", "Winterthur"},
	"ville":     {"Genève", "Lausanne", "Neuchâtel", "Fribourg", "Sion"},
	"orgde":     {"Rheintal Energie AG", "Alpenstrom Holding", "Seeland Werke", "Helvetia Netz AG"},
	"orgfr":     {"Lémanique Technologies", "Agrisens SA", "Jura Mobilité"},
	"teamde":    {"FC Seeland", "BSC Rheinau", "FC Alpenblick", "SV Thurgau", "FC Limmat 08"},
	"parti":     {"le Parti radical", "les Verts", "l'Alliance du centre"},
	"produitfr": {"application de covoiturage", "plateforme de paiement", "logiciel de gestion agricole"},
}

var foreignArticles = []foreignArticle{
	{
		lang: "de", tags: []string{"energy", "markets"}, author: 0,
		title: "{orgde} investiert {geldde} in neue Wasserkraftwerke",
		paras: [][]string{
			{"{orgde} will in den kommenden sechs Jahren rund {geldde} in den Ausbau seiner Wasserkraftwerke im Raum {stadt} investieren, wie das Unternehmen am {wochentag} mitteilte.", "Nach Angaben des Konzerns sollen dadurch rund {anzahl} neue Arbeitsplätze entstehen."},
			{"Die Investition ist Teil eines größeren Programms zur Umstellung auf erneuerbare Energien.", "Bis 2035 will der Versorger seine Stromproduktion vollständig aus Wasser, Sonne und Wind decken."},
			{"„Das ist ein wichtiges Signal für den Standort“, sagte {person} von der kantonalen Wirtschaftsförderung.", "Umweltverbände begrüßten das Vorhaben grundsätzlich, warnten aber vor Eingriffen in geschützte Flussabschnitte."},
			{"Die Aktie des Unternehmens legte nach der Ankündigung um {pctde} zu.", "Eine Entscheidung der Kantonsregierung über die nötigen Bewilligungen wird für {naechstermonat} erwartet."},
		},
	},
	{
		lang: "de", tags: []string{"energy"}, author: 1,
		title: "Strompreise steigen im {monatde} um {pctde}",
		paras: [][]string{
			{"Die Strompreise für private Haushalte sind im {monatde} im Vergleich zum Vorjahr um {pctde} gestiegen, wie aus neuen Zahlen des Bundesamts hervorgeht."},
			{"Verbraucherschützer kritisieren, dass Preissenkungen im Großhandel nur verzögert an die Kundinnen und Kunden weitergegeben werden.", "Besonders betroffen seien Familien in Mietwohnungen mit Elektroheizungen."},
			{"„Wir sehen eine deutliche Belastung für die Haushalte“, sagte {person} vom Verband der Stromkunden.", "Die Netzbetreiber verweisen dagegen auf hohe Investitionen in die Leitungen."},
			{"Für das kommende Jahr rechnen Fachleute mit einer leichten Entspannung."},
		},
	},
	{
		lang: "de", tags: []string{"climate"}, author: 0,
		title: "Hitzewelle: Rekordtemperaturen in der Region {stadt}",
		paras: [][]string{
			{"In der Region {stadt} wurden am {wochentag} Temperaturen von über {temp} Grad gemessen, so viel wie noch nie seit Beginn der Aufzeichnungen."},
			{"Die Behörden riefen die Bevölkerung auf, viel zu trinken und die Mittagshitze zu meiden.", "In mehreren Gemeinden wurde das Entnehmen von Wasser aus Bächen und Seen verboten."},
			{"„Solche Hitzeperioden werden mit dem Klimawandel häufiger und länger“, sagte {person} vom Geographischen Institut der Universität Bern."},
			{"Der Wetterdienst warnte zudem vor heftigen Gewittern am Abend.", "Für das Wochenende wird eine leichte Abkühlung erwartet."},
		},
	},
	{
		lang: "de", tags: []string{"transport", "labor"}, author: 1,
		title: "Bahnstreik legt Verkehr rund um {stadt} lahm",
		paras: [][]string{
			{"Ein Warnstreik des Bahnpersonals hat am {wochentag} den Zugverkehr rund um {stadt} weitgehend zum Erliegen gebracht."},
			{"Pendlerinnen und Pendler mussten auf Busse, Fahrräder und Fahrgemeinschaften ausweichen.", "Auf den Autobahnen bildeten sich bereits am frühen Morgen lange Staus."},
			{"Die Gewerkschaft fordert eine Lohnerhöhung von {pctde} sowie kürzere Arbeitszeiten im Schichtdienst.", "Die Bahn bezeichnete den Streik als unverhältnismäßig."},
			{"Die Gespräche sollen in der kommenden Woche fortgesetzt werden."},
		},
	},
	{
		lang: "de", tags: []string{"sports"}, author: 0,
		title: "{teamde} gewinnt Derby gegen {teamde2} mit {score}",
		paras: [][]string{
			{"{teamde} hat das Derby gegen {teamde2} am {wochentag}abend mit {score} gewonnen und ist damit auf den zweiten Tabellenplatz vorgerückt."},
			{"Vor {zuschauer} Zuschauern ging die Heimmannschaft bereits nach einer Viertelstunde in Führung.", "Nach der Pause drängten die Gäste auf den Ausgleich, scheiterten aber mehrmals am starken Torhüter."},
			{"„Die Mannschaft hat heute Charakter gezeigt“, sagte Trainer {person}."},
		},
	},
	{
		lang: "de", tags: []string{"markets"}, author: 1,
		title: "Schweizer Börse schließt mit Plus von {pctde}",
		paras: [][]string{
			{"Der Schweizer Leitindex hat am {wochentag} mit einem Plus von {pctde} geschlossen, getragen von Kursgewinnen bei Banken und Pharmawerten."},
			{"Der Handelsumsatz lag über dem Durchschnitt der vergangenen Wochen.", "Der Franken gab gegenüber dem Euro leicht nach."},
			{"„Die Anleger setzen darauf, dass die Zinsen im Herbst weiter sinken“, sagte {person} vom Analysehaus {firm}."},
			{"In der kommenden Woche werden neue Inflationszahlen veröffentlicht, die den Markt bewegen könnten."},
		},
	},
	{
		lang: "fr", tags: []string{"agriculture", "climate"}, author: 2,
		title: "Sécheresse : les vignerons de la région de {ville} s'inquiètent pour les vendanges",
		paras: [][]string{
			{"Après plusieurs semaines sans pluie, les vignerons de la région de {ville} craignent une récolte inférieure de {pctfr} à la moyenne."},
			{"Les grappes sont petites et certaines parcelles montrent déjà des signes de stress hydrique.", "L'arrosage des vignes reste strictement encadré par le canton."},
			{"« Nous n'avons jamais vu un été aussi sec », explique {person}, de l'association des vignerons de la région."},
			{"Les premières vendanges pourraient commencer avec deux semaines d'avance."},
		},
	},
	{
		lang: "fr", tags: []string{"elections"}, author: 3,
		title: "Élections communales à {ville} : {parti} en tête",
		paras: [][]string{
			{"{parti} arrive en tête du premier tour des élections communales à {ville}, avec {pctfr} des suffrages, selon les résultats publiés {jour}."},
			{"La participation s'est établie à {turnout} %, un niveau proche de celui de la dernière élection.", "Le logement et les transports publics ont dominé la campagne."},
			{"« Les électeurs ont envoyé un message clair sur le coût de la vie », estime {person}, de l'Université de Genève."},
			{"Le second tour aura lieu dans trois semaines."},
		},
	},
	{
		lang: "fr", tags: []string{"technology"}, author: 3,
		title: "{orgfr} lève {argentfr} pour développer son {produitfr}",
		paras: [][]string{
			{"La jeune entreprise {orgfr}, basée à {ville}, a annoncé {jour} avoir levé {argentfr} auprès d'investisseurs suisses et européens."},
			{"Les fonds serviront à développer son {produitfr} et à recruter une trentaine d'ingénieurs.", "La société compte déjà plusieurs milliers d'utilisateurs en Suisse romande."},
			{"« Cette levée de fonds nous permet d'accélérer notre expansion en France et en Allemagne », affirme {person}, l'un des fondateurs de l'entreprise."},
		},
	},
	{
		lang: "fr", tags: []string{"trade", "agriculture"}, author: 2,
		title: "Les exportations de vin suisse reculent de {pctfr}",
		paras: [][]string{
			{"Les exportations de vin suisse ont reculé de {pctfr} au premier semestre, selon les chiffres publiés {jour} par l'administration des douanes."},
			{"La baisse s'explique surtout par une demande plus faible en Allemagne et en Belgique.", "Les ventes vers l'Asie ont en revanche progressé."},
			{"« La concurrence des vins européens reste très forte sur les prix », souligne {person}, de l'interprofession du vin."},
			{"La branche espère un rebond grâce à une campagne de promotion prévue à l'automne."},
		},
	},
}
