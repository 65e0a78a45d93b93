package sampledata

// otherTopics are the topics for transport, agriculture, labor and
// regulation; see Topics.
var otherTopics = []Topic{
	{
		Tag:     "transport",
		Related: []string{"labor", "climate", "energy"},
		Slots: map[string][]string{
			"org": {"Coastline Rail", "Meridia Rail", "Valley Line Railways", "the Regional Transit Authority"},
			"role": {"chief executive of {org}", "a transport analyst at {firm}", "a spokesperson for {org}", "a union representative",
				"the transport minister"},
			"subject": {"transport network", "airline industry"},
		},
		Angles: []Angle{
			{
				Titles: []string{"Rail strike halts trains around {city}", "{org} staff walk out, commuters stranded in {city}"},
				Leads:  []string{"Train services around {city} were severely disrupted on {weekday} as staff at {org} walked out in a dispute over pay and working hours."},
				Details: []string{
					"The union said members had rejected a pay offer of {payrise}% as inadequate.",
					"Replacement buses ran every {n} minutes during peak hours, but queues stretched for hundreds of metres.",
				},
				Quotes:   []string{"\"Nobody wants to strike, but our members have been left with no choice,\" said {person}, {role}."},
				Outlooks: []string{"Further strike dates have been pencilled in for {nextmonth}."},
			},
			{
				Titles: []string{"{org} orders {planes} new jets in {billions} deal", "{org} places big order to renew fleet"},
				Leads:  []string{"{org} has ordered {planes} new narrow-body jets in a deal worth about {billions} at list prices, the airline said on {weekday}."},
				Details: []string{
					"Deliveries of the aircraft are scheduled to begin in {nextyear}.",
					"Fuel accounts for roughly a third of the airline's operating costs.",
					"{org} carried {count} passengers last month, {pct} more than a year earlier.",
				},
				Quotes: []string{"\"This gives us the modern, efficient fleet we need for the next decade,\" said {person}, {role}."},
				Slots:  map[string][]string{"org": {"Northway Airlines", "Bluewing Air", "Coastal Skies"}},
			},
			{
				Titles: []string{"Commuters face delays as {city} metro line closes for repairs", "{city} metro line to shut for {n} weeks"},
				Leads:  []string{"A key metro line in {city} will close for {n} weeks for track repairs, forcing thousands of commuters onto replacement buses."},
				Details: []string{
					"Punctuality on the network fell to {cov}% last quarter, the lowest in five years.",
					"The works will replace signalling equipment installed in the 1970s.",
				},
				Quotes: []string{"{person}, {role}, said the works were overdue and would improve reliability."},
			},
			{
				Titles: []string{"High-speed rail link between {city} and {city2} gets green light", "Government approves {billions} rail line to {city2}"},
				Leads:  []string{"The government gave final approval on {weekday} to a high-speed rail line between {city} and {city2}, a project expected to cost {billions}."},
				Details: []string{
					"The new line will cut journey times between the two cities to under {n} hours.",
					"The project has faced opposition from landowners along the proposed route.",
				},
				Outlooks: []string{"Construction could begin as soon as {nextyear} if the financing is agreed."},
			},
			{
				Titles: []string{"Flight cancellations mount as air traffic control shortages bite", "Airlines cancel {smallcount} flights amid controller shortages"},
				Leads:  []string{"Airlines cancelled more than {smallcount} flights on {weekday} because of staff shortages at air traffic control centres."},
				Details: []string{
					"Passengers were advised to check with their airline before travelling to the airport.",
					"{org} said it had cancelled about one in {n} of its scheduled departures.",
				},
				Quotes: []string{"\"We apologise to passengers for the disruption, which is outside our control,\" {org} said in a statement."},
				Slots:  map[string][]string{"org": {"Northway Airlines", "Bluewing Air", "Coastal Skies"}},
			},
		},
		Details: []string{
			"Bus ridership in {city} has risen {pct2} since fares were cut last year.",
			"The operator has ordered {smallcount} new carriages, the first of which are due next year.",
			"Road traffic in {city} rose sharply during the disruption, according to navigation data.",
			"Ridership has recovered to about {cov}% of pre-pandemic levels.",
			"Freight operators warned that delays could affect deliveries to supermarkets.",
			"The network carries about {count} passengers on a typical weekday.",
			"Passenger groups have called for better compensation when services are cancelled.",
		},
		Quotes: []string{
			"\"Reliable transport is the backbone of the regional economy,\" said {person}, {role}.",
			"{person}, {role}, said passengers deserved better information when things go wrong.",
		},
		Outlooks: []string{
			"The transport ministry will publish a review of the network in {nextmonth}.",
			"Passenger numbers for the summer will be published next month.",
		},
		Context: []string{
			"Transport links to the area have been a long-standing concern for residents.",
			"Higher fuel costs have pushed up freight rates.",
			"Commuters have faced repeated disruption this year.",
		},
	},
	{
		Tag:     "agriculture",
		Related: []string{"climate", "trade", "markets"},
		Slots: map[string][]string{
			"crop": {"wheat", "corn", "soybean", "coffee", "cocoa", "barley", "canola", "oat"},
			"org": {"the Copper Valley Growers' Cooperative", "Prairie Gold Grain", "Harlan Seeds", "the Farmers' Union",
				"Ridgeway Dairy", "Westfield Agricultural Bank"},
			"role": {"a grain analyst at {firm}", "president of {org}", "an agronomist at {university}", "a farmer near {city}",
				"the agriculture minister"},
			"subject": {"farm sector", "grain market"},
		},
		Angles: []Angle{
			{
				Titles: []string{"{crop} prices surge as drought hits harvest", "{crop} futures jump {pct} on dry-weather warnings"},
				Leads:  []string{"{crop} futures jumped {pct} on {weekday} after forecasters warned that dry weather would cut yields across key growing regions."},
				Details: []string{
					"Soil moisture in the region is at its lowest level in more than {n} decades.",
					"Many growers have locked in prices through forward contracts, limiting their exposure.",
				},
				Quotes: []string{
					"\"I have farmed here for thirty years and I have never seen conditions like this,\" said {person}, {role}.",
					"\"The market is reacting to weather, and weather can change fast,\" said {person}, {role}.",
				},
			},
			{
				Titles: []string{"Farmers brace for smaller {crop} crop after wet spring", "Late planting clouds {crop} outlook near {city}"},
				Leads:  []string{"Farmers around {city} expect a smaller {crop} harvest this year after heavy spring rain delayed planting by several weeks."},
				Details: []string{
					"Only about {pct} of the crop had been planted by the end of May, compared with a five-year average of {pct2}.",
					"Insurance claims for crop losses have already exceeded last year's total.",
				},
				Quotes: []string{
					"\"I have farmed here for thirty years and I have never seen conditions like this,\" said {person}, {role}.",
					"\"The market is reacting to weather, and weather can change fast,\" said {person}, {role}.",
				},
			},
			{
				Titles: []string{"{crop} harvest forecast cut by {pct}", "Ministry trims {crop} outlook on heat and poor soil"},
				Leads:  []string{"The agriculture ministry cut its forecast for this year's {crop} harvest by {pct} on {weekday}, citing heat and poor soil moisture."},
				Details: []string{
					"Yields are now expected to average about {tph} tonnes per hectare, down from last year.",
					"Exports account for about half of the region's production.",
				},
				Quotes: []string{
					"\"I have farmed here for thirty years and I have never seen conditions like this,\" said {person}, {role}.",
					"\"The market is reacting to weather, and weather can change fast,\" said {person}, {role}.",
				},
				Outlooks: []string{"The ministry will publish its next crop estimate in {nextmonth}."},
			},
			{
				Titles: []string{"{org} opens {smallmoney} processing plant near {city}", "New processing plant brings jobs to {city}"},
				Leads:  []string{"{org} opened a {smallmoney} processing plant near {city} on {weekday}, creating about {smallcount} jobs."},
				Details: []string{
					"The plant will process up to {count} tonnes of grain and oilseeds a year.",
					"Farmers in the area had previously trucked their crops more than 200 kilometres to the nearest mill.",
				},
			},
			{
				Titles: []string{"Bird flu outbreak prompts culling on farms near {city}", "Authorities cull poultry after bird flu found near {city}"},
				Leads:  []string{"Authorities ordered the culling of poultry on {n} farms near {city} after a bird flu outbreak was confirmed on {weekday}."},
				Details: []string{
					"A protection zone of ten kilometres has been set up around the affected farms.",
					"Egg prices in local supermarkets have already risen {pct}.",
				},
				Outlooks: []string{"Officials said restrictions would stay in place for at least {n2} weeks."},
			},
		},
		Details: []string{
			"Prices at the farm gate have fallen {pct2} over the past year, according to {org}.",
			"Irrigation costs have climbed as water authorities raised tariffs.",
			"The region produces about {count} tonnes of {crop} in a typical year.",
			"Fertiliser prices remain roughly {pct3} higher than three years ago.",
			"Younger farmers are increasingly turning to drones and soil sensors to manage costs.",
			"Agricultural land prices have continued to rise despite weaker farm incomes.",
			"The cooperative represents more than {smallcount2} family farms in the region.",
		},
		Quotes: []string{
			"\"Margins are razor-thin, and one bad season can wipe out a farm,\" said {person}, {role}.",
			"{person}, {role}, said growers would need support if prices fell further.",
			"\"Farmers are resilient, but they need some certainty to plan ahead,\" said {person}, {role}.",
		},
		Outlooks: []string{
			"Farm groups are due to meet ministry officials in {nextmonth}.",
			"Analysts said much would depend on rainfall over the coming weeks.",
		},
		Context: []string{
			"Farmers in the region have faced a difficult year.",
			"Food prices have risen faster than overall inflation.",
			"Agriculture remains a major employer in rural districts.",
		},
	},
	{
		Tag:     "labor",
		Related: []string{"markets", "transport", "technology", "health"},
		Slots: map[string][]string{
			"org": {"Brannock Steel", "Kinsey Motors", "Osprey Retail Group", "Tessel Cloud", "Harwood Foods", "Castlegate Logistics"},
			"union": {"the United Metalworkers", "the Service and Retail Union", "the National Nurses' Association",
				"the Dockworkers' Guild", "the Teachers' Federation"},
			"role": {"general secretary of {union}", "a labour economist at {university}", "chief people officer at {org}",
				"a shop steward at the {city} plant", "the employment minister"},
			"subject": {"labour market", "jobs market"},
		},
		Angles: []Angle{
			{
				Titles: []string{"Workers at {org} vote to strike over pay", "{union} members back strike at {org}"},
				Leads:  []string{"Workers at {org} voted overwhelmingly to strike on {weekday}, with {union} saying that {vote}% of members backed action over pay."},
				Details: []string{
					"The union represents about {count} workers at the company's sites.",
					"The company said it had made a fair offer and regretted the union's decision.",
				},
				Quotes: []string{
					"\"Our members kept this company going through the hardest years. They deserve a fair share,\" said {person}, {role}.",
					"\"We remain committed to reaching an agreement at the bargaining table,\" {org} said in a statement.",
				},
				Outlooks: []string{"Talks between the two sides are set to resume next week."},
			},
			{
				Titles: []string{"Unemployment rate falls to {unemp}%", "Employers add more jobs than expected in {prevmonth}"},
				Leads:  []string{"The unemployment rate fell to {unemp}% in {prevmonth}, official figures showed on {weekday}, as employers added more jobs than expected."},
				Details: []string{
					"Employers added {jobs} jobs last month, compared with economists' forecasts of {jobs2}.",
					"Labour force participation rose slightly, to {lfpr}%.",
				},
				Quotes:   []string{"\"The labour market is cooling, but it is cooling gently,\" said {person}, {role}."},
				Outlooks: []string{"The next jobs report is due in {nextmonth}."},
			},
			{
				Titles: []string{"{union} reaches tentative deal with {org}", "Strike at {org} ends with {payrise}% pay deal"},
				Leads:  []string{"{union} and {org} reached a tentative agreement on {weekday} that would raise wages by {payrise}% a year over three years, ending a {n}-week strike."},
				Details: []string{
					"The deal must still be ratified in a vote of members.",
					"Picket lines at the main gates were taken down on {weekday} evening.",
				},
				Quotes:   []string{"\"Our members kept this company going through the hardest years. They deserve a fair share,\" said {person}, {role}."},
				Outlooks: []string{"Ratification votes are expected to be completed by the end of {nextmonth}."},
			},
			{
				Titles: []string{"Minimum wage to rise to ${wage} an hour", "Government lifts minimum wage to ${wage}"},
				Leads:  []string{"The minimum wage will rise to ${wage} an hour from next year, the government said on {weekday}."},
				Details: []string{
					"Business groups warned that the higher minimum wage could lead to fewer hours for younger workers.",
					"About {count} workers are expected to benefit directly from the increase.",
				},
			},
			{
				Titles: []string{"Four-day week trial wins over employers in {city}", "Most firms keep four-day week after {city} trial"},
				Leads:  []string{"Dozens of companies that tried a four-day working week in {city} say they will keep it, according to results of a trial published on {weekday}."},
				Details: []string{
					"Productivity held steady or improved at most of the {smallcount} participating firms.",
					"Staff reported lower levels of stress and fewer sick days.",
				},
				Quotes: []string{"{person}, {role}, said staff turnover had fallen sharply since the trial began."},
			},
			{
				Titles: []string{"Job openings drop to lowest in {n} years", "Wage growth slows to {payrise}% as labour market cools"},
				Leads:  []string{"Job openings fell to {openings} million in {prevmonth}, the lowest in {n} years, in the latest sign that the labour market is cooling."},
				Details: []string{
					"Average hourly earnings rose {payrise}% from a year earlier.",
					"The number of people quitting their jobs, a sign of confidence, also fell.",
				},
				Quotes: []string{"\"The labour market is cooling, but it is cooling gently,\" said {person}, {role}."},
			},
		},
		Details: []string{
			"Vacancies in hospitality and retail remain well above pre-pandemic levels.",
			"About {pct2} of workers in the sector are covered by collective agreements.",
			"The share of people working part-time because they cannot find full-time work edged up.",
			"Union membership has risen for the first time in a decade, according to official data.",
			"Employers in several sectors still report difficulty filling skilled positions.",
			"Real wages have grown for {n} consecutive quarters.",
		},
		Quotes: []string{
			"\"Workers are more confident about asking for what they are worth,\" said {person}, {role}.",
			"{person}, {role}, said employers were adjusting to a very different labour market than five years ago.",
		},
		Outlooks: []string{
			"Economists will watch next month's figures for signs of a broader slowdown.",
			"The employment ministry said it would consult business groups before any changes take effect.",
		},
		Context: []string{
			"The labour market has remained tight despite slower growth.",
			"Workers have pushed for higher pay to keep up with living costs.",
			"Unions have become more active across several industries.",
			"Staff shortages have been reported across the sector.",
		},
	},
	{
		Tag:     "regulation",
		Related: []string{"technology", "crypto", "markets"},
		Slots: map[string][]string{
			"org": {"Tessel Cloud", "Orbis Data", "Kestrel Exchange", "Brightline AI", "Vellum Networks", "Halcyon Pay", "Skyloom Labs"},
			"regulator": {"the competition authority", "the data protection regulator", "the SEC", "the European Commission",
				"the financial conduct regulator", "the consumer protection agency"},
			"law": {"the AI Accountability Act", "new data privacy rules", "the Digital Markets Code", "a stablecoin bill",
				"new capital requirements for banks", "the Online Safety Bill"},
			"lawfirm": {"Ashby & Crane", "Morrow Vail LLP", "Dunmore Partners"},
			"role": {"a competition lawyer at {lawfirm}", "a spokesperson for {regulator}", "general counsel at {org}",
				"a policy analyst at {firm}", "a professor of law at {university}"},
			"subject": {"technology sector", "financial industry"},
		},
		Angles: []Angle{
			{
				Titles: []string{"{regulator} fines {org} {money} over data breaches", "{org} hit with {money} fine for failing to protect user data"},
				Leads:  []string{"{regulator} fined {org} {money} on {weekday}, saying the company had failed to protect the personal data of millions of users."},
				Details: []string{
					"The company can appeal the decision within {n} weeks.",
					"Consumer groups welcomed the ruling but said the penalty was too small to change behaviour.",
				},
				Slots: map[string][]string{"regulator": {"the data protection regulator", "the European Commission", "the consumer protection agency"}},
			},
			{
				Titles: []string{"Lawmakers pass {law} after months of debate", "Parliament approves {law}"},
				Leads:  []string{"Lawmakers approved {law} on {weekday} by {votes} votes to {votes2}, giving authorities new powers to oversee the sector."},
				Details: []string{
					"Under the new rules, companies face fines of up to {finepct}% of global annual revenue.",
					"Industry groups lobbied hard to weaken the bill's disclosure requirements.",
				},
				Outlooks: []string{"The law takes effect in stages, with the strictest requirements applying from {nextyear}."},
			},
			{
				Titles: []string{"{regulator} opens investigation into {org}'s pricing", "{org} faces antitrust probe over app store rules"},
				Leads:  []string{"{regulator} opened a formal investigation into {org} on {weekday} over concerns that its pricing practices harm smaller rivals."},
				Details: []string{
					"The investigation will examine contracts signed over the past five years.",
					"The regulator received more than {smallcount} complaints before opening the case.",
				},
				Outlooks: []string{"{org} has until {nextmonth} to respond to the preliminary findings."},
				Slots:    map[string][]string{"regulator": {"the competition authority", "the European Commission"}},
			},
			{
				Titles: []string{"Court overturns {smallmoney} penalty against {org}", "{org} wins appeal against {regulator} fine"},
				Leads:  []string{"A court on {weekday} overturned a {smallmoney} penalty imposed on {org}, ruling that {regulator} had not proved its case."},
				Details: []string{
					"{regulator} said it was studying the judgment and had not decided whether to appeal.",
					"Similar cases are under way in at least {n} other jurisdictions.",
				},
				Quotes: []string{"{person}, {role}, said the ruling would make regulators more careful in future cases."},
			},
			{
				Titles: []string{"{org} agrees to change practices to settle probe", "{org} settles two-year investigation by {regulator}"},
				Leads:  []string{"{org} has agreed to change how it ranks search results and handles customer data, settling a two-year probe by {regulator}."},
				Details: []string{
					"The settlement includes commitments that will be monitored by an independent trustee for {n} years.",
					"Rivals said the commitments did not go far enough.",
				},
				Slots: map[string][]string{"regulator": {"the competition authority", "the European Commission", "the consumer protection agency"}},
			},
		},
		Details: []string{
			"The rules were drafted after a public consultation that drew more than {smallcount} responses.",
			"Enforcement budgets at {regulator} have risen {pct2} over the past three years.",
			"Smaller rivals have complained to regulators in {city} about similar practices.",
			"Several companies said they disagreed with parts of the decision and were considering their options.",
			"Lawyers said the case could set a precedent for how the rules are applied to smaller companies.",
			"Regulators in several countries have stepped up scrutiny of large technology platforms.",
			"The company has spent heavily on lobbying over the past two years.",
		},
		Quotes: []string{
			"\"No company is too big to follow the rules,\" said {person}, {role}.",
			"\"This creates a great deal of legal uncertainty for the whole industry,\" said {person}, {role}.",
			"\"We have cooperated fully and will continue to do so,\" {org} said in a statement.",
		},
		Outlooks: []string{
			"A final decision is expected in {nextmonth}.",
			"{regulator} said it would publish detailed guidance before the rules take effect.",
		},
		Context: []string{
			"Regulators have stepped up scrutiny of the sector in recent years.",
			"Lawmakers have called for tougher oversight.",
			"Compliance costs have risen sharply across the industry.",
		},
	},
}
