package sampledata

// societyTopics are the topics for sports, technology, health, science,
// trade and housing; see Topics.
var societyTopics = []Topic{
	{
		Tag:     "sports",
		Related: []string{"health"},
		Slots: map[string][]string{
			"team": {"Harbor City FC", "Ridgeline Rovers", "the Copper Valley Miners", "Northport United", "the Lakeshore Comets",
				"Eastbrook Athletic", "the Summit Falcons", "Marlow Town", "the Granite Bay Sharks", "Westfield Wanderers",
				"Kingsbridge Albion", "Port Calder City"},
			"competition": {"the cup semi-finals", "the championship final", "the quarter-finals", "the playoffs"},
			"event": {"the Alpine Classic cycling race", "the Coastal Open tennis tournament", "the Lakeshore Marathon",
				"the national swimming championships", "the Ridgeway Grand Prix"},
			"role":    {"head coach of {team}", "captain of {team}", "sporting director at {team}", "a former international", "manager of {team2}"},
			"subject": {"club", "league"},
		},
		Angles: []Angle{
			{
				Titles: []string{"{team} beat {team2} {score} to reach {competition}", "{athlete} double sends {team} into {competition}"},
				Leads:  []string{"{team} beat {team2} {score} on {weekday} night to reach {competition}, with {athlete} scoring twice in the second half."},
				Details: []string{
					"{team2} had taken the lead shortly before half-time through a penalty after a handball in the area.",
					"{team2} finished the match with ten men after a second yellow card in the {minute}th minute.",
					"Ticket sales for the next home game sold out within hours of the result.",
				},
				Quotes:   []string{"\"The players never stopped believing, and that is what this club is about,\" said {person}, {role}."},
				Outlooks: []string{"{team} will face the winner of the other tie in {nextmonth}."},
			},
			{
				Titles: []string{"{athlete} wins {event} in record time", "Record-breaking {athlete} takes {event}"},
				Leads:  []string{"{athlete} won {event} on {weekday}, finishing {n} seconds clear of the field and setting a course record."},
				Details: []string{
					"Conditions were difficult, with strong winds and rain for most of the afternoon.",
					"It was {athlete}'s {ordinal} victory of the season.",
				},
				Quotes:   []string{"\"I have dreamed about this since I was a kid,\" {athlete} said."},
				Outlooks: []string{"{athlete} will now turn attention to the national championships later this season."},
			},
			{
				Titles: []string{"{team} sack coach after {n} straight defeats", "{team} part ways with coach as losing run continues"},
				Leads:  []string{"{team} dismissed their head coach on {weekday} after a run of {n} straight league defeats left the club near the bottom of the table."},
				Details: []string{
					"The club's board said an interim coach would take charge of training until a permanent appointment is made.",
					"Supporters had protested outside the stadium after the most recent defeat.",
				},
				Quotes:   []string{"\"We have to be honest with ourselves. Results have not been good enough,\" {person}, {role}, told reporters."},
				Outlooks: []string{"The club said it expected to name a new coach within {n2} weeks."},
			},
			{
				Titles: []string{"{team} sign {athlete} in club-record {smallmoney} deal", "{athlete} joins {team} from {team2}"},
				Leads:  []string{"{team} have signed {athlete} from {team2} for a club-record fee of {smallmoney}, the club announced on {weekday}."},
				Details: []string{
					"The transfer includes add-ons that could raise the total fee by a further {smallmoney2}.",
					"{athlete} scored {goals} goals in all competitions last season.",
				},
			},
			{
				Titles: []string{"Late goal earns {team} dramatic draw against {team2}", "{team} snatch stoppage-time draw with {team2}"},
				Leads:  []string{"A stoppage-time header from {athlete} rescued a draw for {team} against {team2} in front of {crowd} fans on {weekday}."},
				Details: []string{
					"The result leaves {team} in {ordinal} place, {n} points behind the leaders.",
					"Attendance at the stadium was the largest of the season.",
				},
				Outlooks: []string{"{team} host {team2} in the return fixture on {weekday2}."},
			},
			{
				Titles: []string{"Injury blow for {team} as captain ruled out for {n} weeks", "{team} captain {athlete} faces {n} weeks out"},
				Leads:  []string{"{team} will be without captain {athlete} for about {n} weeks after scans confirmed a hamstring injury sustained in training on {weekday}."},
				Details: []string{
					"Medical staff said surgery would not be needed.",
					"The club has already lost {n2} first-team players to injury this season.",
				},
			},
		},
		Details: []string{
			"{athlete2} has been one of the most consistent performers in the league this season.",
			"The club's academy has produced {n} first-team regulars in the past three seasons.",
			"Ticket prices have risen by an average of {pct2} this season.",
			"Season-ticket sales are up on last year, the club said.",
			"The league's new broadcast deal has lifted revenues for most clubs.",
			"The squad has been rotated heavily because of a congested fixture list.",
			"Local businesses near the stadium said match days had become busier this season.",
		},
		Quotes: []string{
			"{person}, {role}, said the squad would need strengthening before the transfer window closes.",
			"\"Every game in this league is hard, and we have to treat it that way,\" said {person}, {role}.",
			"{person}, {role}, said the focus was now on recovering for the next fixture.",
		},
		Outlooks: []string{
			"The next round of fixtures takes place over the weekend.",
			"The season resumes after a two-week international break.",
		},
		Context: []string{
			"Several athletes have spoken publicly about the issue.",
			"Sports broadcasters have paid record sums for rights this season.",
			"The local club is one of the biggest draws in the area on match days.",
		},
	},
	{
		Tag:     "technology",
		Related: []string{"markets", "regulation", "labor", "science"},
		Slots: map[string][]string{
			"org": {"Corvane Systems", "Meridel Software", "Brightline AI", "Quanta Harbor",
				"Tessel Cloud", "Nordlicht Robotics", "Pinecrest Devices", "Orbis Data", "Skyloom Labs"},
			"product": {"AI assistant", "AI chip", "smartphone", "cloud database service", "large language model",
				"operating system", "satellite internet service", "coding assistant"},
			"role": {"chief executive of {org}", "chief technology officer at {org}", "an analyst at {firm}", "research director at {firm}",
				"a security researcher at {university}"},
			"subject": {"tech industry", "AI market"},
		},
		Angles: []Angle{
			{
				Titles: []string{"{org} unveils new {product} as AI race heats up", "{org} takes on rivals with {product}"},
				Leads:  []string{"{org} introduced a new {product} on {weekday}, promising faster responses and lower costs as it tries to catch up with bigger rivals in artificial intelligence."},
				Details: []string{
					"Developers will be able to access the new {product} through an API starting next month.",
					"{org} said the underlying model was trained on a mix of licensed and publicly available data.",
				},
				Outlooks: []string{"The company will give more details at its developer conference in {nextmonth}."},
			},
			{
				Titles: []string{"{org} to build {money} data centre near {city}", "{org} picks {city} for {money} AI data centre"},
				Leads:  []string{"{org} will build a {money} data centre near {city}, the company said on {weekday}, adding to a wave of investment in computing capacity for AI."},
				Details: []string{
					"The facility is expected to draw up to {mw} megawatts of power when fully operational.",
					"Local officials said the project would create about {smallcount} permanent jobs.",
				},
				Outlooks: []string{"Construction is scheduled to begin in {nextmonth}, with the first phase due online in {nextyear}."},
			},
			{
				Titles: []string{"Outage knocks {org} cloud service offline for hours", "{org} apologises after hours-long cloud outage"},
				Leads:  []string{"A software fault took {org}'s cloud service offline for several hours on {weekday}, disrupting websites, payment systems and business apps for customers around the world."},
				Details: []string{
					"The outage began shortly after a routine configuration change, according to the company's status page.",
					"Monitoring services recorded more than {count} user reports of problems at the peak.",
				},
				Quotes:   []string{"\"We owe our customers an apology,\" {person}, {role}, wrote in a blog post."},
				Outlooks: []string{"{org} said it would publish a detailed post-incident review within {n} days."},
				Slots:    map[string][]string{"org": {"Tessel Cloud", "Orbis Data", "Meridel Software", "Skyloom Labs"}},
			},
			{
				Titles: []string{"{org} to cut {jobcuts} jobs in restructuring", "{org} lays off {layoffpct} of staff to fund AI push"},
				Leads:  []string{"{org} plans to cut about {jobcuts} jobs, or roughly {layoffpct} of its workforce, as it shifts spending toward artificial intelligence, according to an internal memo."},
				Details: []string{
					"The job cuts will mostly affect sales and administrative roles, the memo said.",
					"The company has hired more than {smallcount} engineers over the past year, many of them in machine learning.",
				},
				Quotes: []string{"\"This is a difficult decision, but it positions us for the next decade,\" said {person}, {role}."},
			},
			{
				Titles: []string{"Security flaw in {org} routers exposes millions of devices", "{org} rushes out patch for critical router bug"},
				Leads:  []string{"Security researchers disclosed a critical vulnerability in routers made by {org} on {weekday}, warning that attackers could take control of devices remotely."},
				Details: []string{
					"The flaw has been assigned a severity score of {cvss} out of 10, and a patch is available.",
					"{org} said the affected devices account for a small share of its installed base, but did not give a number.",
				},
				Slots: map[string][]string{"org": {"Vellum Networks", "Pinecrest Devices", "Nordlicht Robotics"}},
			},
			{
				Titles: []string{"{org} shares surge on strong demand for AI chips", "Chipmaker {org} lifts forecast as AI orders pile up"},
				Leads:  []string{"Shares of {org} jumped {pct} on {weekday} after the chipmaker raised its revenue forecast, saying demand for AI servers was outstripping supply."},
				Details: []string{
					"Revenue from the company's data-centre division rose {pct2} from a year earlier, to {money}.",
					"Demand for advanced chips continues to outstrip supply, with lead times stretching to {n} months.",
				},
				Slots: map[string][]string{"org": {"Halvern Semiconductor", "Quanta Harbor", "Corvane Systems", "Lattice Peak Microdevices"}},
			},
		},
		Details: []string{
			"{org} shipped about {count} units of its flagship device last quarter, according to estimates by {firm}.",
			"The company's research team has grown to more than {smallcount} people, many of them based in {city}.",
			"Cloud revenue across the industry grew {pct3} last year, according to {firm}.",
			"Analysts at {firm} estimate that spending on AI infrastructure will exceed ${tn} trillion by the end of the decade.",
			"Regulators in Europe are reviewing several recent deals in cloud software.",
			"Shares of {org} have risen {pct3} so far this year.",
			"The company counts more than {smallcount} large enterprises among its customers.",
			"Competition for engineers with experience in machine learning remains fierce.",
		},
		Quotes: []string{
			"\"Compute is the new oil, and everyone is trying to secure as much of it as they can,\" said {person}, {role}.",
			"{person}, {role}, said the announcement showed the company was still a serious contender in AI.",
			"\"Customers want tools that save them time, and they want them to be reliable,\" said {person}, {role}.",
		},
		Outlooks: []string{
			"{org} is due to report quarterly results in {nextmonth}.",
			"Industry analysts expect more announcements of this kind before the end of the year.",
		},
		Context: []string{
			"Companies in the sector have invested heavily in artificial intelligence over the past two years.",
			"Demand for computing power has surged as businesses adopt AI tools.",
			"Cybersecurity experts have warned about the risks of relying on a few large providers.",
			"Much of the work is now done with the help of software and automation.",
		},
	},
	{
		Tag:     "health",
		Related: []string{"science", "labor", "elections"},
		Slots: map[string][]string{
			"org": {"Marlowe Pharmaceuticals", "Ostrander Biotech", "Veridian Therapeutics", "Calloway Medical Group", "Hartwell Bio"},
			"condition": {"measles", "influenza", "type 2 diabetes", "Alzheimer's disease", "heart disease", "dengue fever",
				"long COVID", "antibiotic-resistant infections"},
			"drug":     {"an experimental weight-loss drug", "a new RSV vaccine", "a gene therapy", "a once-weekly insulin", "an antiviral pill", "a cholesterol-lowering injection"},
			"hospital": {"St. Aldric Hospital", "Lakeview General", "Harborview Children's Hospital", "Northgate Medical Centre"},
			"role": {"an epidemiologist at {university}", "chief medical officer at {org}", "head of infectious diseases at {hospital}",
				"the health minister", "a cardiologist at {hospital}"},
			"subject": {"health system", "hospital sector"},
		},
		Angles: []Angle{
			{
				Titles: []string{"Measles cases rise in {city} as officials urge vaccination", "Health officials in {city} confirm {smallcount} new measles cases"},
				Leads:  []string{"Health officials in {city} reported {smallcount} new cases of measles on {weekday}, the highest weekly total in {n} years, and urged residents to check their vaccination records."},
				Details: []string{
					"Vaccination coverage among young children has fallen to {cov}%, below the level needed to prevent outbreaks.",
					"Public health teams have set up pop-up clinics in schools and community centres.",
				},
				Quotes:   []string{"\"Vaccination remains the single best protection we have,\" said {person}, {role}."},
				Outlooks: []string{"Officials will publish updated case numbers weekly until the outbreak is contained."},
			},
			{
				Titles: []string{"Trial shows {drug} cuts hospitalisation risk by {pct}", "{org} shares climb after positive trial data"},
				Leads:  []string{"{drug} developed by {org} reduced the risk of hospitalisation by {pct} in a late-stage trial, the company said on {weekday}."},
				Details: []string{
					"The trial enrolled {count} participants across {n} countries and followed them for two years.",
					"Side effects were mostly mild, with nausea and headaches the most commonly reported.",
					"Experts stressed that the findings need to be confirmed once the full data are published.",
				},
				Quotes: []string{
					"\"These results are genuinely encouraging for patients who have had very few options,\" said {person}, {role}.",
					"{person}, {role}, cautioned that longer follow-up would be needed to confirm the benefit.",
				},
				Outlooks: []string{"Full results will be presented at a medical conference in {nextmonth}."},
			},
			{
				Titles: []string{"Regulator approves {drug} from {org}", "{org} wins approval for {drug}"},
				Leads:  []string{"Regulators on {weekday} approved {drug} from {org}, giving doctors a new option for patients with {condition}."},
				Details: []string{
					"The treatment is expected to cost around ${drugprice} a month before discounts.",
					"The company plans to seek approval in Europe and Japan early next year.",
				},
				Quotes:   []string{"\"These results are genuinely encouraging for patients who have had very few options,\" said {person}, {role}."},
				Outlooks: []string{"{org} said it expects to launch the treatment in the first half of {nextyear}."},
			},
			{
				Titles: []string{"Study links poor sleep to higher risk of {condition}", "Short sleep tied to {condition} in large study"},
				Leads:  []string{"People who sleep fewer than six hours a night have a markedly higher risk of {condition}, according to a study of more than {count} adults published on {weekday}."},
				Details: []string{
					"The researchers adjusted for age, income, smoking and physical activity.",
					"The study was observational and cannot prove that poor sleep causes the condition, the authors noted.",
				},
				Slots: map[string][]string{"condition": {"type 2 diabetes", "Alzheimer's disease", "heart disease", "depression", "high blood pressure"}},
			},
			{
				Titles: []string{"Hospital waiting lists hit record {count}", "Nurses warn of staff shortages as winter approaches"},
				Leads:  []string{"The number of patients waiting for planned hospital treatment reached a record {count} in {prevmonth}, new figures show, as hospitals struggle with staff shortages."},
				Details: []string{
					"About {pct} of those waiting have been on the list for more than a year.",
					"Hospitals in the area have postponed some non-urgent operations to free up beds.",
				},
				Quotes:   []string{"\"Staff are exhausted, and winter has not even started,\" {person}, {role}, told reporters."},
				Outlooks: []string{"The health authority said it would review staffing plans before the winter."},
			},
		},
		Details: []string{
			"Emergency departments in {city} treated {count} patients last month, a record for the time of year.",
			"The number of family doctors per head of population has fallen for {n} years in a row.",
			"A survey by {firm} found that {pct3} of adults had delayed seeing a doctor because of cost.",
			"Patient groups welcomed the news but called for faster access to new treatments.",
			"Health spending has grown faster than the wider economy for most of the past decade.",
			"The health ministry said it was monitoring the situation closely.",
			"Demand for hospital care typically peaks in the winter months.",
		},
		Quotes: []string{
			"\"We have to look at the whole picture, not just one set of numbers,\" said {person}, {role}.",
			"{person}, {role}, said the news underlined the need for more investment in prevention.",
		},
		Outlooks: []string{
			"The ministry is expected to publish a new workforce plan in {nextmonth}.",
			"Further data will be released at the end of the year.",
		},
		Context: []string{
			"Public health experts have warned about the long-term effects on wellbeing.",
			"Hospitals in the region have been under heavy pressure this year.",
			"Health officials said there was no immediate risk to the public.",
			"Staff sickness rates have risen across many workplaces.",
		},
	},
	{
		Tag:     "science",
		Related: []string{"climate", "technology", "health"},
		Slots: map[string][]string{
			"org": {"the Kepler Ridge Observatory", "the Institute for Deep Ocean Research", "the Lindmoor Physics Laboratory",
				"the Astra Meridian space agency", "the Polar Research Consortium"},
			"discovery": {"a 50-million-year-old fossil of an early primate", "evidence of water ice near the lunar south pole",
				"a new antibiotic compound in soil bacteria", "a rocky exoplanet in its star's habitable zone",
				"a previously unknown layer in Antarctic ice cores"},
			"mission": {"lunar lander", "Mars orbiter", "weather satellite", "asteroid sample mission", "space telescope"},
			"role": {"an astrophysicist at {university}", "lead author of the study", "a marine biologist at {university}",
				"project scientist for the mission", "a palaeontologist at {university}"},
			"subject": {"research community", "space sector"},
		},
		Angles: []Angle{
			{
				Titles: []string{"Researchers report {discovery}", "Scientists at {org} announce {discovery}"},
				Leads:  []string{"Researchers at {org} said on {weekday} they had found {discovery}, a result published in a leading journal after two years of analysis."},
				Details: []string{
					"Independent experts said the results would need to be confirmed by other groups.",
					"The data will be made publicly available next year, allowing other teams to test the findings.",
				},
			},
			{
				Titles: []string{"{org} launches {mission} after weather delay", "{mission} lifts off from site near {city}"},
				Leads:  []string{"{org} launched its {mission} on {weekday} from a site near {city}, after a delay of {n} days caused by high winds."},
				Details: []string{
					"The spacecraft will spend about {n2} months travelling to its destination.",
					"Funding for the mission was nearly cut in a budget review several years ago.",
				},
				Quotes:   []string{"\"Every launch is nerve-racking, but this one went perfectly,\" {person}, {role}, said."},
				Outlooks: []string{"Science operations are scheduled to begin in {nextmonth}, after a period of calibration."},
				Slots:    map[string][]string{"org": {"the Astra Meridian space agency", "the Kepler Ridge Observatory"}},
			},
			{
				Titles: []string{"{mission} sends first images back to Earth", "First pictures from {mission} exceed expectations"},
				Leads:  []string{"The {mission} operated by {org} has returned its first images, showing details that mission scientists said exceeded their expectations."},
				Details: []string{
					"The team used {count} hours of observations to calibrate the instruments.",
					"Engineers fixed a minor software problem during the first weeks of the mission.",
				},
				Slots: map[string][]string{"org": {"the Astra Meridian space agency", "the Kepler Ridge Observatory"}},
			},
			{
				Titles: []string{"Deep-sea expedition finds new species near hydrothermal vents", "Ocean survey led by {org} reveals {n} unknown species"},
				Leads:  []string{"An expedition led by {org} has found {n} previously unknown species near hydrothermal vents, scientists said on {weekday}, describing the haul as one of the most significant in the field in a decade."},
				Details: []string{
					"Samples were collected at a depth of more than {depth} metres.",
					"The researchers now plan to return to the site with more sensitive instruments.",
				},
				Slots: map[string][]string{"org": {"the Institute for Deep Ocean Research", "the Polar Research Consortium"}},
			},
			{
				Titles: []string{"Physicists measure particle mass with record precision", "Lab result puts tighter limit on particle mass"},
				Leads:  []string{"Physicists at {org} have measured the mass of a fundamental particle with record precision, a result that could help test the limits of the standard model."},
				Details: []string{
					"The measurement is {n} times more precise than the previous best result.",
					"The experiment collected data for almost {n2} years before the analysis began.",
				},
				Slots: map[string][]string{"org": {"the Lindmoor Physics Laboratory"}},
			},
		},
		Details: []string{
			"Around {smallcount} researchers from {n2} institutions contributed to the paper.",
			"The instrument was built in {city} over a period of six years.",
			"The team's earlier results, published {n} years ago, were met with some scepticism.",
			"The findings were published in a peer-reviewed journal.",
			"The project cost about {money} and involved researchers from {n} countries.",
			"Much of the analysis was carried out by doctoral students.",
			"The team has applied for additional funding to continue the work.",
		},
		Quotes: []string{
			"\"We did not expect to see anything like this,\" said {person}, {role}.",
			"\"It opens up a whole new set of questions,\" said {person}, {role}.",
			"{person}, {role}, said the result showed how much remained to be learned.",
		},
		Outlooks: []string{
			"A follow-up study is expected to be published early next year.",
			"{org} said it would decide on the next phase of the programme later this year.",
		},
		Context: []string{
			"The research was partly funded by public grants.",
			"Researchers at several universities are working on similar projects.",
			"Scientists have studied the question for decades.",
		},
	},
	{
		Tag:     "trade",
		Related: []string{"markets", "agriculture", "transport", "energy"},
		Slots: map[string][]string{
			"org": {"Halvard Shipping", "Brannock Steel", "Pemberton Foods", "Aldgate Industries", "Rydell Logistics",
				"Seaforth Container Lines", "Marston Motors"},
			"good": {"steel", "aluminium", "soybeans", "electric vehicles", "semiconductors", "solar panels", "rare earth minerals",
				"wine", "lumber"},
			"role": {"trade economist at {firm}", "chief executive of {org}", "the trade minister", "a former trade negotiator",
				"head of the {city} chamber of commerce"},
			"subject": {"trade relationship", "shipping industry"},
		},
		Angles: []Angle{
			{
				Titles: []string{"Tariffs on {good} from {country} to rise to {tariffpct}%", "Government raises duties on {good} from {country}"},
				Leads:  []string{"The government said on {weekday} it would raise tariffs on imports of {good} from {country} to {tariffpct}%, escalating a dispute that has simmered for months."},
				Details: []string{
					"Imports of {good} from {country} were worth about {money} last year.",
					"The tariff increase will take effect on the first day of {nextmonth}.",
					"{org} said it was looking at moving part of its supply chain to avoid the new duties.",
				},
				Outlooks: []string{"{country} has said it will respond with measures of its own if the tariffs go ahead."},
			},
			{
				Titles: []string{"Exports fall {pct} as demand from {country} weakens", "Trade deficit narrows to {money} in {prevmonth}"},
				Leads:  []string{"Exports fell {pct} in {prevmonth} from a year earlier, official data showed on {weekday}, as demand from {country} cooled."},
				Details: []string{
					"The trade deficit narrowed to {money}, smaller than economists had forecast.",
					"Shipments of machinery and vehicles accounted for most of the decline.",
				},
			},
			{
				Titles: []string{"Trade talks with {country} stall over {good}", "No deal as talks with {country} break up"},
				Leads:  []string{"Talks on a trade agreement with {country} broke up on {weekday} without a deal, with negotiators unable to bridge differences over {good}."},
				Details: []string{
					"Negotiators have met {n} times since the talks began last year.",
					"Business groups warned that retaliation could hit farmers and manufacturers hardest.",
				},
				Outlooks: []string{"Officials said a further round of talks could take place in {nextmonth}."},
			},
			{
				Titles: []string{"Port of {city} container volumes hit record", "Importers rush goods through {city} ahead of tariff deadline"},
				Leads:  []string{"The port of {city} handled a record number of containers in {prevmonth}, as importers rushed to bring in goods ahead of planned tariff increases."},
				Details: []string{
					"Container throughput rose {pct} to {teu} twenty-foot equivalent units.",
					"Freight rates on the Asia-to-Europe route have climbed {pct2} in a month, according to an index compiled by {firm}.",
				},
			},
			{
				Titles: []string{"{country} and {country2} sign deal to cut duties on {good}", "{country}, {country2} agree to phase out tariffs on {good}"},
				Leads:  []string{"{country} and {country2} signed an agreement on {weekday} to phase out duties on {good} over five years."},
				Details: []string{
					"The agreement still needs to be ratified by both parliaments.",
					"Exporters of {good} said the deal would open a market worth {money} a year.",
				},
			},
		},
		Details: []string{
			"Exports to {country} have grown {pct3} over the past five years.",
			"Port officials in {city} said berths were fully booked for the next {n} weeks.",
			"The value of goods traded between the two sides exceeded {money} last year.",
			"{org} said it was reviewing its supply chain in light of the trade tensions.",
			"Customs data show a sharp rise in shipments routed through third countries.",
			"Economists expect trade flows to normalise once the new rates are in place.",
			"Logistics companies reported longer waiting times at several major ports.",
		},
		Quotes: []string{
			"\"Tariffs are a tax on our own consumers, whatever anyone says,\" said {person}, {role}.",
			"\"We will defend our industries, and we will not be rushed into a bad deal,\" {person}, {role}, told reporters.",
			"\"Supply chains are being redrawn in real time,\" said {person}, {role}.",
			"{person}, {role}, said companies were stockpiling goods ahead of any further changes.",
		},
		Outlooks: []string{
			"Monthly trade figures for {month} are due in {nextmonth}.",
			"Officials said they remained open to further talks.",
		},
		Context: []string{
			"Exports account for a large share of the region's economic output.",
			"Tariff disputes have unsettled supply chains this year.",
			"Shipping costs have risen in recent months.",
		},
	},
	{
		Tag:     "housing",
		Related: []string{"markets", "elections", "labor"},
		Slots: map[string][]string{
			"org": {"Keystone Homes", "Larchmont Realty", "Bellweather Mortgage", "Riverbend Developments", "the Homebuilders Council",
				"Summit Property Trust"},
			"role": {"chief economist at {org}", "a housing economist at {firm}", "head of research at {firm}", "a mortgage broker in {city}",
				"the housing minister"},
			"subject": {"housing market", "property market"},
		},
		Angles: []Angle{
			{
				Titles: []string{"Home prices in {city} fall for {ordinal} straight month", "{city} house prices slip again as buyers hold back"},
				Leads:  []string{"Average home prices in {city} fell {smallpct} in {prevmonth}, the {ordinal} monthly decline in a row, as higher borrowing costs kept buyers on the sidelines."},
				Details: []string{
					"The median sale price stood at ${homeprice}, according to figures from {org}.",
					"Homes in the area now take an average of {days} days to sell, up from {days2} a year ago.",
				},
			},
			{
				Titles: []string{"Mortgage rates drop to {rate}%, lowest since {prevmonth}", "Falling mortgage rates lure buyers back"},
				Leads:  []string{"The average rate on a 30-year fixed mortgage fell to {rate}% this week, according to lender surveys, giving a lift to would-be buyers."},
				Details: []string{
					"Mortgage applications rose {pct} from the previous week.",
					"Lenders have started to cut rates on fixed-term products as funding costs ease.",
				},
			},
			{
				Titles: []string{"Housing starts jump {pct} as builders bet on lower rates", "Builders break ground on more homes in {prevmonth}"},
				Leads:  []string{"Construction started on {pct} more homes in {prevmonth} than a month earlier, government data showed on {weekday}, as builders responded to signs of easing rates."},
				Details: []string{
					"Builders say higher costs for labour and materials are squeezing margins.",
					"Permits for future construction, a leading indicator, rose {pct2}.",
				},
			},
			{
				Titles: []string{"{city} approves {homes} new homes on former rail yard", "Council backs major housing scheme in {city}"},
				Leads:  []string{"City councillors in {city} approved plans on {weekday} for about {homes} new homes on a former rail yard, ending a three-year planning fight."},
				Details: []string{
					"About a quarter of the new homes will be offered at below-market rents.",
					"Residents' groups had objected to the height of the proposed towers and the loss of green space.",
				},
				Outlooks: []string{"Construction on the first buildings is expected to start next spring."},
			},
			{
				Titles: []string{"Rents climb {pct} in {city} as vacancy rate hits record low", "Council weighs cap on short-term rentals in {city}"},
				Leads:  []string{"Rents rose {pct} over the past year in {city}, where the share of empty apartments has dropped to a record low and councillors are debating a cap on short-term lets."},
				Details: []string{
					"Short-term rentals account for roughly one in {n} homes in the city centre, according to council estimates.",
					"Tenant groups say the rise has pushed many younger workers out of the city.",
				},
				Outlooks: []string{"The council will vote on the rental cap in {nextmonth}."},
			},
		},
		Details: []string{
			"The average deposit for a first home in {city} is now equivalent to {n} years of median earnings.",
			"Planning approvals fell {pct2} in the first half of the year, according to {org}.",
			"Build-to-rent developers have accounted for a growing share of new supply.",
			"Inventory of homes for sale remains about {pct3} below pre-pandemic levels.",
			"The share of first-time buyers fell to its lowest level since records began.",
			"Estate agents reported a pick-up in viewings over the past month.",
			"Construction of social housing has lagged targets for most of the decade.",
		},
		Quotes: []string{
			"\"Affordability is still stretched, but the direction of travel is finally positive,\" said {person}, {role}.",
			"\"Buyers are back, but they are cautious and they are negotiating hard,\" said {person}, {role}.",
			"\"We need to build more homes, and we need to build them faster,\" {person}, {role}, said.",
			"{person}, {role}, said prices were likely to stabilise by the end of the year.",
		},
		Outlooks: []string{
			"The next official house price figures are due in {nextmonth}.",
			"Economists expect activity to pick up if borrowing costs continue to fall.",
		},
		Context: []string{
			"Housing costs have become a central political issue.",
			"High rents have made it harder for employers to recruit staff.",
			"Property values in the area have risen sharply over the past decade.",
		},
	},
}
