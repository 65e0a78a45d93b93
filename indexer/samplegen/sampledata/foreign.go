package sampledata

// A foreign article is written from a fixed template rather than from
// topics: the corpus has only a handful of them, enough to exercise language
// handling, and each template is used at most once, so it needs no variety
// of its own.

// ForeignArticle is one fixed short article template in German or French.
type ForeignArticle struct {
	Lang  string   // "de" or "fr"
	Tags  []string // from AllTags; the first is the main tag
	Title string
	Paras [][]string // sentences per paragraph
	// Author indexes the authors of the publisher that carries the foreign
	// articles (Alpine Courier), so the byline fits the language.
	Author int
}

// ForeignSlots are the word lists only the foreign templates use. Their
// names are German or French so they cannot collide with the English slot
// names; shared slots such as {person} and {firm} come from the same places
// as for English stories.
var ForeignSlots = map[string][]string{
	"stadt":     {"Zürich", "Basel", "Bern", "St. Gallen", "Luzern", "Winterthur"},
	"ville":     {"Genève", "Lausanne", "Neuchâtel", "Fribourg", "Sion"},
	"orgde":     {"Rheintal Energie AG", "Alpenstrom Holding", "Seeland Werke", "Helvetia Netz AG"},
	"orgfr":     {"Lémanique Technologies", "Agrisens SA", "Jura Mobilité"},
	"teamde":    {"FC Seeland", "BSC Rheinau", "FC Alpenblick", "SV Thurgau", "FC Limmat 08"},
	"parti":     {"le Parti radical", "les Verts", "l'Alliance du centre"},
	"produitfr": {"application de covoiturage", "plateforme de paiement", "logiciel de gestion agricole"},
}

// ForeignArticles are the foreign-language articles, in the order the
// generator assigns them to randomly chosen stories of their publisher.
var ForeignArticles = []ForeignArticle{
	{
		Lang: "de", Tags: []string{"energy", "markets"}, Author: 0,
		Title: "{orgde} investiert {geldde} in neue Wasserkraftwerke",
		Paras: [][]string{
			{"{orgde} will in den kommenden sechs Jahren rund {geldde} in den Ausbau seiner Wasserkraftwerke im Raum {stadt} investieren, wie das Unternehmen am {wochentag} mitteilte.", "Nach Angaben des Konzerns sollen dadurch rund {anzahl} neue Arbeitsplätze entstehen."},
			{"Die Investition ist Teil eines größeren Programms zur Umstellung auf erneuerbare Energien.", "Bis 2035 will der Versorger seine Stromproduktion vollständig aus Wasser, Sonne und Wind decken."},
			{"„Das ist ein wichtiges Signal für den Standort“, sagte {person} von der kantonalen Wirtschaftsförderung.", "Umweltverbände begrüßten das Vorhaben grundsätzlich, warnten aber vor Eingriffen in geschützte Flussabschnitte."},
			{"Die Aktie des Unternehmens legte nach der Ankündigung um {pctde} zu.", "Eine Entscheidung der Kantonsregierung über die nötigen Bewilligungen wird für {naechstermonat} erwartet."},
		},
	},
	{
		Lang: "de", Tags: []string{"energy"}, Author: 1,
		Title: "Strompreise steigen im {monatde} um {pctde}",
		Paras: [][]string{
			{"Die Strompreise für private Haushalte sind im {monatde} im Vergleich zum Vorjahr um {pctde} gestiegen, wie aus neuen Zahlen des Bundesamts hervorgeht."},
			{"Verbraucherschützer kritisieren, dass Preissenkungen im Großhandel nur verzögert an die Kundinnen und Kunden weitergegeben werden.", "Besonders betroffen seien Familien in Mietwohnungen mit Elektroheizungen."},
			{"„Wir sehen eine deutliche Belastung für die Haushalte“, sagte {person} vom Verband der Stromkunden.", "Die Netzbetreiber verweisen dagegen auf hohe Investitionen in die Leitungen."},
			{"Für das kommende Jahr rechnen Fachleute mit einer leichten Entspannung."},
		},
	},
	{
		Lang: "de", Tags: []string{"climate"}, Author: 0,
		Title: "Hitzewelle: Rekordtemperaturen in der Region {stadt}",
		Paras: [][]string{
			{"In der Region {stadt} wurden am {wochentag} Temperaturen von über {temp} Grad gemessen, so viel wie noch nie seit Beginn der Aufzeichnungen."},
			{"Die Behörden riefen die Bevölkerung auf, viel zu trinken und die Mittagshitze zu meiden.", "In mehreren Gemeinden wurde das Entnehmen von Wasser aus Bächen und Seen verboten."},
			{"„Solche Hitzeperioden werden mit dem Klimawandel häufiger und länger“, sagte {person} vom Geographischen Institut der Universität Bern."},
			{"Der Wetterdienst warnte zudem vor heftigen Gewittern am Abend.", "Für das Wochenende wird eine leichte Abkühlung erwartet."},
		},
	},
	{
		Lang: "de", Tags: []string{"transport", "labor"}, Author: 1,
		Title: "Bahnstreik legt Verkehr rund um {stadt} lahm",
		Paras: [][]string{
			{"Ein Warnstreik des Bahnpersonals hat am {wochentag} den Zugverkehr rund um {stadt} weitgehend zum Erliegen gebracht."},
			{"Pendlerinnen und Pendler mussten auf Busse, Fahrräder und Fahrgemeinschaften ausweichen.", "Auf den Autobahnen bildeten sich bereits am frühen Morgen lange Staus."},
			{"Die Gewerkschaft fordert eine Lohnerhöhung von {pctde} sowie kürzere Arbeitszeiten im Schichtdienst.", "Die Bahn bezeichnete den Streik als unverhältnismäßig."},
			{"Die Gespräche sollen in der kommenden Woche fortgesetzt werden."},
		},
	},
	{
		Lang: "de", Tags: []string{"sports"}, Author: 0,
		Title: "{teamde} gewinnt Derby gegen {teamde2} mit {score}",
		Paras: [][]string{
			{"{teamde} hat das Derby gegen {teamde2} am {wochentag}abend mit {score} gewonnen und ist damit auf den zweiten Tabellenplatz vorgerückt."},
			{"Vor {zuschauer} Zuschauern ging die Heimmannschaft bereits nach einer Viertelstunde in Führung.", "Nach der Pause drängten die Gäste auf den Ausgleich, scheiterten aber mehrmals am starken Torhüter."},
			{"„Die Mannschaft hat heute Charakter gezeigt“, sagte Trainer {person}."},
		},
	},
	{
		Lang: "de", Tags: []string{"markets"}, Author: 1,
		Title: "Schweizer Börse schließt mit Plus von {pctde}",
		Paras: [][]string{
			{"Der Schweizer Leitindex hat am {wochentag} mit einem Plus von {pctde} geschlossen, getragen von Kursgewinnen bei Banken und Pharmawerten."},
			{"Der Handelsumsatz lag über dem Durchschnitt der vergangenen Wochen.", "Der Franken gab gegenüber dem Euro leicht nach."},
			{"„Die Anleger setzen darauf, dass die Zinsen im Herbst weiter sinken“, sagte {person} vom Analysehaus {firm}."},
			{"In der kommenden Woche werden neue Inflationszahlen veröffentlicht, die den Markt bewegen könnten."},
		},
	},
	{
		Lang: "fr", Tags: []string{"agriculture", "climate"}, Author: 2,
		Title: "Sécheresse : les vignerons de la région de {ville} s'inquiètent pour les vendanges",
		Paras: [][]string{
			{"Après plusieurs semaines sans pluie, les vignerons de la région de {ville} craignent une récolte inférieure de {pctfr} à la moyenne."},
			{"Les grappes sont petites et certaines parcelles montrent déjà des signes de stress hydrique.", "L'arrosage des vignes reste strictement encadré par le canton."},
			{"« Nous n'avons jamais vu un été aussi sec », explique {person}, de l'association des vignerons de la région."},
			{"Les premières vendanges pourraient commencer avec deux semaines d'avance."},
		},
	},
	{
		Lang: "fr", Tags: []string{"elections"}, Author: 3,
		Title: "Élections communales à {ville} : {parti} en tête",
		Paras: [][]string{
			{"{parti} arrive en tête du premier tour des élections communales à {ville}, avec {pctfr} des suffrages, selon les résultats publiés {jour}."},
			{"La participation s'est établie à {turnout} %, un niveau proche de celui de la dernière élection.", "Le logement et les transports publics ont dominé la campagne."},
			{"« Les électeurs ont envoyé un message clair sur le coût de la vie », estime {person}, de l'Université de Genève."},
			{"Le second tour aura lieu dans trois semaines."},
		},
	},
	{
		Lang: "fr", Tags: []string{"technology"}, Author: 3,
		Title: "{orgfr} lève {argentfr} pour développer son {produitfr}",
		Paras: [][]string{
			{"La jeune entreprise {orgfr}, basée à {ville}, a annoncé {jour} avoir levé {argentfr} auprès d'investisseurs suisses et européens."},
			{"Les fonds serviront à développer son {produitfr} et à recruter une trentaine d'ingénieurs.", "La société compte déjà plusieurs milliers d'utilisateurs en Suisse romande."},
			{"« Cette levée de fonds nous permet d'accélérer notre expansion en France et en Allemagne », affirme {person}, l'un des fondateurs de l'entreprise."},
		},
	},
	{
		Lang: "fr", Tags: []string{"trade", "agriculture"}, Author: 2,
		Title: "Les exportations de vin suisse reculent de {pctfr}",
		Paras: [][]string{
			{"Les exportations de vin suisse ont reculé de {pctfr} au premier semestre, selon les chiffres publiés {jour} par l'administration des douanes."},
			{"La baisse s'explique surtout par une demande plus faible en Allemagne et en Belgique.", "Les ventes vers l'Asie ont en revanche progressé."},
			{"« La concurrence des vins européens reste très forte sur les prix », souligne {person}, de l'interprofession du vin."},
			{"La branche espère un rebond grâce à une campagne de promotion prévue à l'automne."},
		},
	},
}
