package sampledata

// The word lists shared by every topic. Names and places are invented or used
// only as background, so nothing in the corpus reports on a real person.

// GlobalSlots are the slot lists looked up last, after the angle's and the
// topic's own, so a topic or angle can override any of them with a list of
// the same name. A publisher with local places of its own uses those for
// {city} about half the time instead, so its stories sound local.
var GlobalSlots = map[string][]string{
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

// FirstNames and LastNames make up the invented people: each {person},
// {candidate} or {athlete} is a first and a last name, neither used before in
// the same story, so two people quoted in one story never share a name.
var FirstNames = []string{
	"Adrian", "Beatriz", "Carl", "Dana", "Emeka", "Farah", "Gustavo", "Helen", "Ibrahim", "Joanna",
	"Kenji", "Laura", "Mateo", "Nina", "Olu", "Patrick", "Qian", "Rosa", "Stefan", "Tamara", "Umar",
	"Vera", "William", "Ximena", "Yusuf", "Zoe", "Aisha", "Bruno", "Chloe", "Dmitri", "Esther",
	"Frank", "Greta", "Hiroshi", "Inès", "Jamal", "Katrin", "Leon", "Maya", "Nikolai", "Orla",
	"Pedro", "Rachel", "Sanjay", "Thea", "Victor", "Wanda", "Yara", "Tomás", "Ingrid",
}

// LastNames: see FirstNames.
var LastNames = []string{
	"Abernathy", "Bianchi", "Castillo", "Donnelly", "Eriksen", "Fontaine", "Gallagher", "Hoffmann",
	"Iwu", "Jablonski", "Kaur", "Lindholm", "Mwangi", "Novak", "O'Sullivan", "Petrov", "Quintero",
	"Rasmussen", "Schreiber", "Takahashi", "Underwood", "Valdez", "Whitaker", "Xu", "Yilmaz",
	"Zeller", "Adeyemi", "Brandt", "Carvalho", "Dubois", "Esposito", "Fairweather", "Grünewald",
	"Haddad", "Ishikawa", "Jovanović", "Kowalczyk", "Larsen", "Moreau", "Nakamura", "Okonkwo",
	"Pereira", "Rourke", "Sandoval", "Thorne", "Vasquez", "Wexley", "Yamada", "Ziegler", "McAllister",
}

// GenericContext sentences fit a paragraph of any English story; {subject}
// comes from the story's main topic. A story gets at most one of them, after
// its angle's and topic's details, because the same few sentences in many
// stories would make unrelated stories look alike.
var GenericContext = []string{
	"The announcement comes at a sensitive time for the {subject}, which has been volatile for much of the year.",
	"It is the {ordinal} announcement of its kind this year.",
	"Similar moves elsewhere have had mixed results, according to a review published by {firm}.",
	"A spokesperson declined to comment beyond the written statement.",
	"The development had been widely expected by people who follow the {subject} closely.",
	"The news drew a flurry of reactions on social media within minutes.",
}

// Coin is what the crypto aggregator's price ticker shows for one asset.
type Coin struct {
	Name, Sym string
	Lo, Hi    float64 // the invented price is drawn from [Lo, Hi) in dollars
}

// Coins are keyed by the values of the crypto topic's {asset} list, which is
// why they live here with the vocabulary: an asset added there needs a coin
// here, or its ticker would show an empty name and a zero price. A story
// without an {asset} gets the bitcoin ticker.
var Coins = map[string]Coin{
	"bitcoin":   {"Bitcoin", "BTC", 58000, 131000},
	"ether":     {"Ethereum", "ETH", 1900, 5200},
	"solana":    {"Solana", "SOL", 90, 260},
	"XRP":       {"XRP", "XRP", 0.45, 3.2},
	"cardano":   {"Cardano", "ADA", 0.3, 1.1},
	"litecoin":  {"Litecoin", "LTC", 60, 140},
	"dogecoin":  {"Dogecoin", "DOGE", 0.08, 0.4},
	"avalanche": {"Avalanche", "AVAX", 15, 55},
}
