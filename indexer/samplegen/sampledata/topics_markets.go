package sampledata

// marketTopics are the topics for markets, crypto, energy, elections and
// climate; see Topics.
var marketTopics = []Topic{
	{
		Tag:     "markets",
		Related: []string{"technology", "energy", "trade", "labor", "crypto"},
		Slots: map[string][]string{
			"org": {"Aldgate Industries", "Pemberton Foods", "Corvane Systems", "Halvard Shipping", "Trillium Bancorp",
				"Osprey Retail Group", "Marlowe Pharmaceuticals", "Kinsey Motors", "Redfern Insurance",
				"Sable Creek Mining", "Weller & Hart", "Brannock Steel", "Calder Bay Holdings", "Fernhill Brands"},
			"index":  {"the S&P 500", "the Nasdaq Composite", "the Dow Jones Industrial Average", "the Stoxx 600", "the FTSE 100", "the Nikkei 225", "the DAX"},
			"sector": {"banking", "semiconductor", "retail", "utilities", "energy", "healthcare", "industrial", "consumer staples", "airline"},
			"bond":   {"the 10-year Treasury yield", "the two-year Treasury yield", "German Bund yields", "UK gilt yields"},
			"role": {"chief investment officer at {firm}", "head of equity strategy at {firm}", "a portfolio manager at {firm}",
				"senior economist at {firm}", "chief market strategist at {firm}"},
			"subject": {"stock market", "equity market", "bond market"},
		},
		Angles: []Angle{
			{
				Titles: []string{"{org} shares jump {pct} after earnings beat forecasts", "{org} rallies as quarterly profit tops estimates"},
				Leads:  []string{"Shares of {org} rose {pct} on {weekday} after the company reported quarterly revenue of {money}, comfortably ahead of what analysts had expected."},
				Details: append([]string{
					"Earnings per share came in at ${eps}, compared with a consensus estimate of ${eps2}.",
					"The company's operating margin widened to {pct2}, helped by lower freight and raw-material costs.",
					"Management raised its guidance for the full year and said order books were the strongest in {n} years.",
				}, companyDetails...),
				Quotes:   []string{"\"Margins are the story this quarter, not revenue,\" said {person}, {role}. \"Costs are coming down faster than anyone expected.\""},
				Outlooks: []string{"{org} is scheduled to report its next quarterly results in {nextmonth}."},
			},
			{
				Titles: []string{"Stocks slide as {sector} shares drag {index} lower", "{index} posts worst day since {prevmonth} on {sector} sell-off"},
				Leads:  []string{"{index} fell {pct} on {weekday}, its steepest one-day drop since {prevmonth}, as a sell-off in {sector} stocks spread across the market."},
				Details: []string{
					"The {sector} sector was the worst performer of the session, shedding {pct2}.",
					"A gauge of expected volatility jumped to its highest level in {n} weeks.",
					"Only a handful of stocks in the index ended the day higher.",
				},
				Quotes: []string{"\"It is too early to call the bottom,\" said {person}, {role}."},
			},
			{
				Titles: []string{"{org} agrees {money} takeover of {org2}", "{org} to buy rival {org2} in {money} deal"},
				Leads:  []string{"{org} said on {weekday} it would acquire {org2} in a cash-and-stock deal valuing the target at {money}, one of the largest takeovers announced this year."},
				Details: append([]string{
					"The offer represents a premium of {pct2} to {org2}'s closing price before the announcement.",
					"The deal still needs approval from regulators and from {org2} shareholders, and is expected to close in the {quarter} quarter.",
					"{org2}, which employs about {count} people, had been under pressure from activist shareholders to sell non-core units.",
				}, companyDetails...),
				Outlooks: []string{"Shareholders of {org2} are expected to vote on the offer in {nextmonth}."},
			},
			{
				Titles: []string{"{org} cuts full-year outlook, shares tumble", "{org} slumps {pct} after profit warning"},
				Leads:  []string{"{org} lowered its full-year profit forecast on {weekday}, citing weaker demand in {region} and higher input costs, sending its shares down {pct} in early trading."},
				Details: append([]string{
					"The company now expects annual revenue of about {money}, down from a previous forecast of {money2}.",
					"It also said it would delay some capital spending and review its dividend policy.",
					"Several analysts cut their price targets on the stock within hours of the announcement.",
				}, companyDetails[2:]...),
				Outlooks: []string{"Most analysts still rate the stock a buy, though several trimmed their targets after the announcement."},
			},
			{
				Titles: []string{"Bond yields climb as traders pare bets on rate cuts", "Dollar firms, {bond} rises after strong data"},
				Leads:  []string{"Government bond yields rose on {weekday} after stronger-than-expected economic data prompted traders to scale back bets on interest rate cuts, with {bond} climbing to {yield}."},
				Details: []string{
					"Futures markets now price in roughly {n} quarter-point rate cuts by the end of the year, down from more before the data.",
					"The dollar index gained {smallpct} against a basket of major currencies.",
					"Gold traded near ${goldprice} an ounce, little changed on the day.",
				},
			},
			{
				Titles: []string{"{org} to buy back {money} of shares", "{org} unveils buyback and higher dividend"},
				Leads:  []string{"{org} announced a {money} share buyback programme on {weekday} and raised its quarterly dividend, signalling confidence in its cash flow despite a slowing economy."},
				Details: append([]string{
					"The buyback is equivalent to about {pct} of the company's market value.",
					"The dividend will rise to ${eps} a share, payable next quarter.",
				}, companyDetails...),
			},
		},
		Details: []string{
			"Bank shares were mixed, with lenders exposed to commercial property under pressure.",
			"The yield on the 10-year Treasury note was little changed at {yield}.",
			"Analysts at {firm} said earnings revisions had turned positive for the first time in {n} months.",
			"Trading volumes were about {pct3} above the 30-day average, according to exchange data.",
			"Roughly {n} out of every ten companies that have reported so far have beaten profit expectations.",
			"Investors are also weighing the outlook for interest rates, which has shifted several times this year.",
			"Hedge funds had built up sizeable short positions in the sector before the move.",
			"European markets closed mixed, while Asian shares ended the day slightly higher.",
		},
		Quotes: []string{
			"\"The market is priced for perfection, and that leaves very little room for disappointment,\" said {person}, {role}.",
			"\"We are seeing a rotation out of the crowded trades and into sectors that have been ignored all year,\" {person}, {role}, said in a note to clients.",
			"{person}, {role}, said investors were likely to stay cautious until the next round of inflation data.",
			"\"There is a lot of uncertainty, and investors are being paid very little to take risk,\" said {person}, {role}.",
		},
		Outlooks: []string{
			"Investors will look to next week's jobs report and a speech by the central bank governor for further direction.",
			"Strategists at {firm} said they expected volatility to remain elevated through the end of the {quarter} quarter.",
			"Trading is expected to be thin ahead of a public holiday next week.",
		},
		Context: []string{
			"Broader stock markets were little changed on the day.",
			"Investors have grown more sensitive to signs of slowing growth in recent weeks.",
			"Listed companies in the sector have lagged the wider market this year.",
			"Shares of companies exposed to the issue have been volatile since the start of the year.",
		},
	},
	{
		Tag:     "crypto",
		Related: []string{"markets", "regulation", "technology"},
		Slots: map[string][]string{
			"org": {"Kestrel Exchange", "Lumen Custody", "Vantor Exchange", "Quillon Labs", "Ardent Digital Assets",
				"Halcyon Pay", "Cobalt Ledger Group", "Brightmoor Capital", "Nimbus Markets", "Pellucid Asset Management",
				"Orrin Mining", "Sterling Hash Co."},
			"asset": {"bitcoin", "ether", "solana", "XRP", "cardano", "litecoin", "dogecoin", "avalanche"},
			"product": {"spot bitcoin ETF", "spot ether ETF", "staking service", "dollar-backed stablecoin", "crypto lending desk",
				"perpetual futures platform", "custody platform", "tokenized treasury fund"},
			"regulator": {"the SEC", "the CFTC", "Europe's securities regulator", "Singapore's central bank",
				"the UK's Financial Conduct Authority", "Hong Kong's Securities and Futures Commission"},
			"role": {"chief executive of {org}", "head of research at {firm}", "co-founder of {org}", "chief strategist at {firm}",
				"a digital-asset analyst at {firm}", "general counsel at {org}"},
			"subject": {"crypto market", "digital-asset market", "token market"},
		},
		Angles: []Angle{
			{
				Titles: []string{"Bitcoin tops ${btcprice} as ETF inflows accelerate", "Bitcoin climbs past ${btcprice} on fresh institutional demand"},
				Leads:  []string{"Bitcoin climbed above ${btcprice} on {weekday}, extending a rally that has added more than {pct} to the world's largest cryptocurrency this month as money kept flowing into exchange-traded funds."},
				Details: []string{
					"Spot bitcoin ETFs took in {smallmoney} of net inflows over the past five trading days, according to data compiled by {firm}.",
					"The funding rate on perpetual futures turned positive again, a sign that leveraged traders are betting on further gains.",
					"On-chain data show that long-term holders have moved fewer coins to exchanges this month, which analysts read as reduced selling pressure.",
				},
				Outlooks: []string{"Traders are watching the ${btcround} level, which has acted as resistance twice this year."},
			},
			{
				Titles: []string{"{org} launches {product} amid surge in institutional demand", "{org} rolls out {product} for pension funds and wealth managers"},
				Leads:  []string{"{org} said on {weekday} it had launched a {product}, betting that pension funds and wealth managers are ready to put more money into digital assets."},
				Details: []string{
					"The product will initially be available to clients in {n} countries.",
					"{org} said it had more than {smallcount} institutional clients on a waiting list before the launch.",
					"Fees will be set at {smallpct} a year, undercutting several rivals.",
				},
			},
			{
				Titles: []string{"{regulator} delays decision on {org}'s {product} application", "{regulator} pushes back ruling on {product}"},
				Leads:  []string{"{regulator} pushed back its decision on a {product} proposed by {org}, the latest in a series of delays that have frustrated issuers."},
				Details: []string{
					"Regulators have approved several products in recent months, but have insisted on strict custody and surveillance arrangements.",
					"The agency said it needed more time to consider comments submitted during the review period.",
				},
				Outlooks: []string{"{regulator} is expected to rule on several similar applications before the end of {nextmonth}."},
			},
			{
				Titles: []string{"{asset} slides {pct} after {org} halts withdrawals", "{org} pauses withdrawals, rattling {asset} traders"},
				Leads:  []string{"{asset} fell as much as {pct} on {weekday} after {org} paused customer withdrawals, citing what it called an unusual spike in redemption requests."},
				Details: []string{
					"{org} said customer funds were held in segregated cold-storage wallets and that it had engaged an outside auditor.",
					"Liquidations of leveraged positions topped {smallmoney} in 24 hours, most of them bets on higher prices.",
					"Withdrawals of stablecoins from the platform had climbed sharply in the days before the pause, blockchain data show.",
				},
				Quotes: []string{"\"This is a liquidity event, not a solvency problem,\" {person}, {role}, wrote on social media."},
			},
			{
				Titles: []string{"Crypto exchange {org} fined {smallmoney} over compliance lapses", "{org} settles anti-money-laundering case for {smallmoney}"},
				Leads:  []string{"{org} has agreed to pay {smallmoney} to settle allegations that it failed to run adequate anti-money-laundering checks, according to a statement from {regulator}."},
				Details: []string{
					"The regulator said the exchange had onboarded thousands of customers without verifying their identity.",
					"As part of the settlement, {org} will appoint an independent monitor for {n} years.",
				},
			},
			{
				Titles: []string{"Hackers drain {smallmoney} from {org} bridge in latest DeFi exploit", "{org} confirms {smallmoney} bridge hack"},
				Leads:  []string{"Attackers exploited a flaw in a cross-chain bridge run by {org} and made off with tokens worth about {smallmoney}, the company confirmed on {weekday}."},
				Details: []string{
					"The exploit used a bug in the bridge's signature verification, allowing the attacker to mint tokens without locking collateral.",
					"Security firms traced part of the stolen funds to a mixing service within hours of the attack.",
				},
				Outlooks: []string{"{org} said it would publish a full incident report and compensate affected users."},
			},
			{
				Titles: []string{"Stablecoin supply hits record as traders seek dollar exposure", "Bitcoin miners sell reserves as hash rate climbs to new high"},
				Leads: []string{
					"The total supply of stablecoins rose to a record on {weekday}, as traders parked cash in dollar-pegged tokens and payment firms expanded their use of the technology.",
					"Bitcoin miners sold more of their reserves this month as the network's hash rate reached a new high and rising difficulty squeezed their margins.",
				},
				Details: []string{
					"Stablecoins in circulation now exceed ${stable} billion, with most of the growth coming from dollar-backed tokens.",
					"The network's hash rate, a measure of the computing power securing bitcoin, reached a record of about {hash} exahashes per second.",
					"{org} holds roughly {btccount} bitcoin on its balance sheet, according to its latest filing.",
				},
			},
		},
		Details: []string{
			"Bitcoin dominance, its share of the total crypto market, rose to {cov}%.",
			"Daily active addresses on the network climbed to about {count}, according to on-chain data.",
			"Several exchanges reported record sign-ups from users in {country}.",
			"Ether, the second-largest token, traded {pct2} higher at ${ethprice}.",
			"The total value of all cryptocurrencies stands at about ${tn} trillion, according to market trackers.",
			"Trading volume on centralized exchanges rose to its highest level since {prevmonth}.",
			"Crypto-linked stocks followed the market, with shares of miners and exchanges moving {pct3} in premarket trading.",
			"Gas fees on the Ethereum network fell to about {gwei} gwei, the lowest in several months.",
			"Open interest in bitcoin futures stood at about ${stable} billion, according to derivatives data.",
			"Blockchain analytics firms have flagged rising activity from wallets linked to large holders, often called whales.",
		},
		Quotes: []string{
			"\"Institutions are no longer asking whether to own bitcoin, they are asking how much,\" said {person}, {role}.",
			"\"The regulatory picture is clearer than it has ever been, and that is what the big allocators were waiting for,\" said {person}, {role}.",
			"{person}, {role}, warned that leverage had built up quickly and that a sharp pullback could not be ruled out.",
			"\"Every cycle we see the same thing: prices run ahead of fundamentals and then the market corrects,\" said {person}, {role}.",
		},
		Outlooks: []string{
			"Analysts said the next test for the market would be the options expiry at the end of the month.",
			"Traders will also watch the release of inflation data next week, which has moved crypto prices in recent months.",
			"Several exchanges said they would publish proof-of-reserves reports before the end of {nextmonth}.",
		},
		Context: []string{
			"Crypto markets were steady, with bitcoin little changed over the day.",
			"Digital-asset firms have been following the case closely.",
			"The crypto industry has lobbied for clearer rules for years.",
			"Tokenized assets and stablecoins have drawn growing interest from traditional banks.",
		},
	},
	{
		Tag:     "energy",
		Related: []string{"markets", "climate", "trade"},
		Slots: map[string][]string{
			"org": {"Kittering Oil", "Brayson Energy", "Northsea Meridian Gas", "Caldera Petroleum", "Solvang Power",
				"Tarragon Pipelines", "Westmark Refining", "Halden LNG", "Orla Renewables", "Fairhaven Utilities"},
			"benchmark": {"Brent crude", "West Texas Intermediate", "Dubai crude", "North Sea Forties crude"},
			"field":     {"offshore field", "shale acreage", "export pipeline", "refinery", "LNG terminal", "offshore wind farm", "gas storage site"},
			"basin":     {"the North Sea", "the Permian Basin", "West Africa", "the Gulf of Mexico", "the Caspian region", "northern Norway", "the Barents Sea"},
			"role": {"oil analyst at {firm}", "head of commodities research at {firm}", "the energy minister", "chief executive of {org}",
				"a senior trader at {firm}"},
			"subject": {"oil market", "gas market", "power market"},
		},
		Angles: []Angle{
			{
				Titles: []string{"Oil jumps {pct} as OPEC+ signals deeper output cuts", "Crude rallies on talk of further OPEC+ supply curbs"},
				Leads:  []string{"Oil prices rose on {weekday} after OPEC+ delegates signalled that the group could deepen production cuts at its next meeting, with {benchmark} gaining {pct}."},
				Details: []string{
					"OPEC+ members are currently withholding roughly {mbd} million barrels per day from the market under a series of voluntary cuts.",
					"Some members have produced above their quotas in recent months, complicating the group's efforts to support prices.",
				},
				Quotes:   []string{"\"The market has underestimated how disciplined the producers are prepared to be,\" said {person}, {role}."},
				Outlooks: []string{"OPEC+ ministers are due to meet again in {nextmonth} to review output levels."},
			},
			{
				Titles: []string{"{org} shuts {field} in {basin} after leak", "Leak forces {org} to halt output in {basin}"},
				Leads:  []string{"{org} said on {weekday} it had shut its {field} in {basin} after detecting a leak, removing about {barrels} barrels a day from the market."},
				Details: []string{
					"The outage is expected to last at least {n} days while engineers inspect the damaged section.",
					"Coast guard officials said there was no sign of a large spill, but an exclusion zone had been set up around the site.",
				},
				Quotes:   []string{"\"Our priority is the safety of our people and the environment,\" {org} said in a statement."},
				Outlooks: []string{"{org} said it would give an update on repairs once inspections were complete."},
				Slots: map[string][]string{
					"org":   {"Kittering Oil", "Brayson Energy", "Northsea Meridian Gas", "Caldera Petroleum", "Tarragon Pipelines"},
					"field": {"offshore field", "export pipeline", "LNG terminal", "gas storage site", "production platform"},
				},
			},
			{
				Titles: []string{"{benchmark} falls to {n}-week low on demand worries", "Crude stockpiles rise unexpectedly, pressuring prices"},
				Leads:  []string{"{benchmark} slid for a third straight session on {weekday}, weighed down by signs of weaker fuel demand in Asia and an unexpected build in crude inventories."},
				Details: []string{
					"Government data showed crude inventories rose by {barrels2} million barrels last week, against expectations for a draw.",
					"Hedge funds have cut their bullish bets on crude to the lowest level in {n} months, regulatory data show.",
				},
				Quotes: []string{"\"Demand is the missing piece. Supply is under control, but consumers are not buying the way they used to,\" said {person}, {role}."},
			},
			{
				Titles: []string{"{org} to invest {money} in new {field} in {basin}", "{org} commits {money} to {basin} expansion"},
				Leads:  []string{"{org} plans to spend {money} developing a new {field} in {basin}, the company said, in one of the largest energy commitments announced this year."},
				Details: []string{
					"The project will require approval from regulators and is not expected to start production until the end of the decade.",
					"{org}'s capital spending plan also includes {smallmoney} for carbon capture and low-emission projects.",
				},
			},
			{
				Titles: []string{"Pipeline outage sends {benchmark} sharply higher", "Refiners scramble as {org} pipeline goes offline"},
				Leads:  []string{"Energy traders scrambled on {weekday} after an outage on a major pipeline operated by {org} cut flows to refiners along the coast."},
				Details: []string{
					"Diesel and jet fuel margins have climbed steadily as refinery maintenance reduced supply.",
					"Some refiners said they had enough crude in storage to keep running for about {n} days.",
				},
				Slots: map[string][]string{"org": {"Tarragon Pipelines", "Westmark Refining", "Brayson Energy", "Caldera Petroleum"}},
			},
			{
				Titles: []string{"{org} posts record quarterly profit on higher gas prices", "Gas windfall lifts {org} to bumper quarter"},
				Leads:  []string{"{org} reported record quarterly profit of {money} on {weekday}, helped by higher natural gas prices and strong trading results."},
				Details: []string{
					"The company's production averaged {boe} barrels of oil equivalent per day in the quarter.",
					"Shipments of liquefied natural gas to Asia rose {pct} from a year earlier.",
					"Natural gas storage in Europe stands at about {storage}% of capacity, above the seasonal average.",
				},
				Slots: map[string][]string{"org": {"Northsea Meridian Gas", "Halden LNG", "Kittering Oil", "Brayson Energy"}},
			},
		},
		Details: []string{
			"Gasoline prices at the pump have risen {pct3} over the past month, according to motoring groups.",
			"Output from {basin} has grown steadily despite higher drilling costs.",
			"Utilities in {region} have asked customers to cut consumption during peak hours.",
			"{benchmark} settled at ${oilprice} a barrel, while U.S. crude futures closed at ${oilprice2}.",
			"Tanker rates on routes from the Gulf to Asia have risen {pct2} since the start of the month.",
			"Analysts noted that spare production capacity remains concentrated in a handful of countries.",
			"Refinery utilisation rates rose to {storage}% last week, the highest since early in the year.",
			"The energy ministry said emergency stocks were sufficient to cover any short-term disruption.",
			"Electricity prices in several European markets rose in sympathy with gas.",
		},
		Quotes: []string{
			"{person}, {role}, said prices could test the top of their recent range if the disruption drags on.",
			"\"Nobody in this market is planning for calm. Everyone is hedging,\" said {person}, {role}.",
			"{person}, {role}, said investment in new supply had not kept pace with demand over the past decade.",
		},
		Outlooks: []string{
			"Analysts at {firm} kept their forecast for {benchmark} to average ${oilprice3} a barrel next year.",
			"Traders will watch weekly inventory data and the pace of refinery restarts for clues on demand.",
			"Prices are likely to stay volatile until the winter heating season begins, analysts said.",
		},
		Context: []string{
			"Energy costs remain a major concern for households and businesses.",
			"Oil prices were little changed on the day.",
			"Higher power prices have weighed on industrial output this year.",
			"Fuel accounts for a large share of operating costs in the sector.",
		},
	},
	{
		Tag:     "elections",
		Related: []string{"housing", "labor", "transport", "health"},
		Slots: map[string][]string{
			"party": {"the Progressive Alliance", "the Civic Union", "the National Renewal Party", "the Green Future party",
				"the Liberal Centre", "the People's Labour Party"},
			"office": {"governor", "mayor", "senator", "state treasurer", "county executive"},
			"issue": {"housing costs", "public transport", "taxes", "healthcare waiting lists", "crime", "energy bills",
				"school funding", "childcare"},
			"role": {"a political scientist at {university}", "campaign manager for {candidate2}", "a pollster at {firm}",
				"chair of {party}", "a former election official"},
			"subject": {"campaign", "race"},
		},
		Angles: []Angle{
			{
				Titles: []string{"{candidate} leads {candidate2} by {n} points in new poll", "Poll: {candidate} opens {n}-point lead in {office} race"},
				Leads:  []string{"{candidate} of {party} holds a {n}-point lead over {candidate2} in the race for {office}, according to a poll released on {weekday}."},
				Details: []string{
					"The survey of {count} likely voters has a margin of error of plus or minus {moe} percentage points.",
					"Independent voters, who make up about a third of the electorate, remain split, the poll found.",
					"{candidate2} has campaigned heavily in rural districts, where {party2} has traditionally been strong.",
				},
				Outlooks: []string{"A second poll, due out next week, will show whether the latest debate moved voters."},
			},
			{
				Titles: []string{"Early turnout hits record in {city} {office} race", "Voters in {city} head to the polls in closely watched {office} election"},
				Leads:  []string{"More than {count} voters cast ballots on the first day of early voting in {city}, election officials said, a record for a {office} race."},
				Details: []string{
					"Turnout in the last comparable election was {turnout}%, among the lowest in the region's history.",
					"Polls close at 8 p.m. local time, and officials expect preliminary results shortly before midnight.",
					"The election commission said it had received {smallcount} complaints about long queues at polling stations.",
					"Mail-in ballots postmarked by election day will be counted if they arrive within a week.",
				},
			},
			{
				Titles: []string{"{party} unveils platform focused on {issue}", "{party} bets on {issue} to win back suburban voters"},
				Leads:  []string{"{party} launched its election platform on {weekday}, putting {issue} at the centre of a campaign it hopes will win back suburban voters."},
				Details: []string{
					"The platform also promises to tackle {issue2} within two years, though it gives few details on how the measures would be paid for.",
					"Party officials said the programme had been costed by outside economists.",
				},
			},
			{
				Titles: []string{"Debate turns heated as {candidate} and {candidate2} clash over {issue}", "{candidate}, {candidate2} spar over {issue} in only debate"},
				Leads:  []string{"{candidate} and {candidate2} traded sharp words over {issue} on {weekday} night in the only televised debate of the {office} race."},
				Details: []string{
					"{candidate} has promised to tackle {issue2} and freeze local taxes for two years.",
					"Both campaigns have spent heavily on television advertising, with outside groups adding another {smallmoney}.",
				},
				Outlooks: []string{"The two candidates are scheduled to meet again at a town-hall forum next week."},
			},
			{
				Titles: []string{"Recount ordered in tight {city} council contest", "Razor-thin margin triggers recount in {city}"},
				Leads:  []string{"Election officials in {city} ordered a recount on {weekday} after the margin between {candidate} and {candidate2} in a council contest fell below {smallcount} votes."},
				Details: []string{
					"The recount will be conducted by hand and is expected to take about {n} days.",
					"Lawyers for both campaigns have been sent to observe the process.",
				},
				Outlooks: []string{"{party} said it would not challenge the outcome if the recount confirmed the original result."},
			},
		},
		Details: []string{
			"Early voting runs until {weekday2}, with polling stations open from 7 a.m.",
			"The {party} candidate has been endorsed by several local unions and business groups.",
			"A record {smallcount} volunteers have signed up to work at polling stations, officials said.",
			"Campaign finance filings show {candidate} has raised {smallmoney} since the start of the year.",
			"Younger voters have registered in larger numbers than at any previous local election.",
			"Both campaigns say the race will be decided in a handful of suburban districts.",
			"Turnout among voters over 65 has historically been almost twice that of voters under 30.",
		},
		Quotes: []string{
			"\"People want to talk about {issue}, and the candidate who sounds most credible on it will win,\" said {person}, {role}.",
			"\"We are not taking a single vote for granted,\" {candidate} told supporters at a rally in {city}.",
			"\"The numbers are tightening, and both sides know it,\" said {person}, {role}.",
			"{person}, {role}, said the result would be read as a verdict on the national government.",
		},
		Outlooks: []string{
			"Final results are expected to be certified by {nextmonth}.",
			"Both campaigns plan a final round of rallies over the weekend.",
			"Officials urged voters to check their polling station before election day, as several locations have changed.",
		},
		Context: []string{
			"The issue is expected to feature prominently in the upcoming election campaign.",
			"Several candidates have already weighed in on the matter.",
			"Lawmakers from both main parties have called for a review.",
			"Opinion polls suggest voters rank the issue among their top concerns.",
		},
	},
	{
		Tag:     "climate",
		Related: []string{"energy", "agriculture", "science", "health"},
		Slots: map[string][]string{
			"org": {"the Coastal Resilience Institute", "the Greenmantle Foundation", "the Alder Climate Lab",
				"Thornbury Carbon Partners", "the Lowland Water Board", "the Verdant Cities Network"},
			"event":  {"heat waves", "drought", "flooding", "wildfires", "storm surges", "extreme rainfall"},
			"policy": {"carbon border levy", "methane reduction pledge", "coal phase-out plan", "regional emissions trading scheme", "loss and damage fund"},
			"role": {"a climate scientist at {university}", "director of {org}", "the environment minister", "a hydrologist at {university}",
				"policy lead at {org}"},
			"subject": {"climate debate", "energy transition"},
		},
		Angles: []Angle{
			{
				Titles: []string{"{region} swelters as heat wave breaks temperature records", "Record heat grips {region}, red alerts issued"},
				Leads:  []string{"Temperatures across {region} climbed above {temp} degrees Celsius on {weekday} as a prolonged heat wave broke records at dozens of weather stations."},
				Details: []string{
					"Authorities issued red alerts in {n} provinces and opened cooling centres for elderly residents.",
					"Hospitals reported a rise in admissions for heatstroke and dehydration.",
				},
				Outlooks: []string{"Forecasters expect the heat to ease by the end of next week, though another warm spell is possible in {nextmonth}."},
			},
			{
				Titles: []string{"Countries agree new {policy} at climate talks in {city}", "Climate talks in {city} end with deal on {policy}"},
				Leads:  []string{"Negotiators meeting in {city} agreed on {weekday} to set up a {policy}, ending two weeks of talks that at times looked close to collapse."},
				Details: []string{
					"The agreement commits signatories to report progress every two years, but includes no penalties for missing targets.",
					"Delegates from small island states said the text fell short of what science demands.",
				},
				Quotes:   []string{"\"This is not enough, but it is a floor we can build on,\" {person}, {role}, told reporters in {city}."},
				Outlooks: []string{"The next round of talks is scheduled for {nextmonth} in {city2}."},
			},
			{
				Titles: []string{"Scientists warn risk of {event} rising faster than models predicted", "Study finds risk of {event} in {region} has doubled"},
				Leads:  []string{"A study published on {weekday} found that the risk of severe {event} in {region} has roughly doubled since the 1990s, with researchers warning that current models underestimate the trend."},
				Details: []string{
					"The researchers analysed more than {count} weather records going back to 1950.",
					"Insurers estimate that losses from such events in the region already exceed {money} a year.",
				},
				Outlooks: []string{"The authors plan to extend their analysis to other regions later this year."},
			},
			{
				Titles: []string{"{city} unveils {money} flood defence plan", "{city} to spend {money} on sea walls and wetlands"},
				Leads:  []string{"{city} will spend {money} on sea walls, pumping stations and wetland restoration under a flood defence plan unveiled by city officials on {weekday}."},
				Details: []string{
					"The plan also includes new building rules that would require ground-floor flood barriers in low-lying districts.",
					"About {count} homes in the city are in areas at high risk of flooding, according to official maps.",
				},
				Outlooks: []string{"City officials said construction on the first phase could begin within {n} months."},
			},
			{
				Titles: []string{"Global temperatures hit record for {prevmonth}", "Last month was the hottest {prevmonth} on record, data show"},
				Leads:  []string{"Last month was the warmest {prevmonth} on record globally, according to data released on {weekday}, extending a streak of record-breaking months."},
				Details: []string{
					"Average global surface temperatures were about {anom} degrees Celsius above the pre-industrial average.",
					"Ocean heat content reached a new high, adding to concerns about coral bleaching.",
				},
			},
			{
				Titles: []string{"Drought cuts river levels to historic lows across {region}", "Barges stranded as drought drains rivers in {region}"},
				Leads:  []string{"River levels across {region} fell to historic lows this week after months of below-average rainfall, stranding barges and forcing water restrictions in dozens of towns."},
				Details: []string{
					"River levels at key gauging stations were {pct} below their long-term average.",
					"Farmers in the area have reported crop losses of up to {pct2}, according to a local agricultural association.",
				},
			},
		},
		Details: []string{
			"Water use in {city} has been restricted to essential needs for the first time since 2003.",
			"Wildfire smoke pushed air quality readings in {city} into the unhealthy range for {n} days.",
			"Adaptation spending has risen to about {money} a year, according to estimates by {firm}.",
			"Solar and wind together generated {pct3} of electricity in the first half of the year, a record share.",
			"Scientists say the warming trend is making extreme weather both more frequent and more intense.",
			"Environmental groups called on the government to bring forward its target for net-zero emissions.",
			"The region has experienced {n} of its ten hottest summers in the past fifteen years.",
			"Emergency services said they had been stretched by a rise in weather-related call-outs.",
		},
		Quotes: []string{
			"\"What used to be a once-in-a-century event is now something we should expect every decade,\" said {person}, {role}.",
			"\"The physics is not negotiable. Every tenth of a degree matters,\" said {person}, {role}.",
			"{person}, {role}, said the findings should prompt governments to rethink where new housing is built.",
		},
		Outlooks: []string{
			"Meteorologists will publish their seasonal outlook in {nextmonth}.",
			"The government is due to present an updated climate adaptation strategy before the end of the year.",
		},
		Context: []string{
			"Scientists say extreme weather is becoming more frequent as the planet warms.",
			"Environmental groups have criticised the plans as too slow.",
			"Climate risks are increasingly factored into investment decisions.",
			"The region has set a target of net-zero emissions by 2045.",
		},
	},
}
