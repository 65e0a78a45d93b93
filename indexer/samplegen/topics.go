package samplegen

// The English topics, one per tag in allTags. Angle details, quotes and
// outlooks are specific to one kind of story; the topic's own lists must fit
// every angle of the topic; context sentences have no slots and fit any
// story that touches the tag.

// Details shared by the markets angles about one listed company.
var companyDetails = []string{
	"Over the past twelve months the shares have gained {pct3}, outpacing the broader market.",
	"Analysts at {firm} raised their price target on the stock to ${price}.",
	"The stock trades at about {n2} times expected earnings, below its five-year average.",
	"Retail investors have poured money into the stock in recent weeks, with options activity reaching record levels.",
}

var topics = []topic{
	{
		tag:     "markets",
		related: []string{"technology", "energy", "trade", "labor", "crypto"},
		slots: map[string][]string{
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
		angles: []angle{
			{
				titles: []string{"{org} shares jump {pct} after earnings beat forecasts", "{org} rallies as quarterly profit tops estimates"},
				leads:  []string{"Shares of {org} rose {pct} on {weekday} after the company reported quarterly revenue of {money}, comfortably ahead of what analysts had expected."},
				details: append([]string{
					"Earnings per share came in at ${eps}, compared with a consensus estimate of ${eps2}.",
					"The company's operating margin widened to {pct2}, helped by lower freight and raw-material costs.",
					"Management raised its guidance for the full year and said order books were the strongest in {n} years.",
				}, companyDetails...),
				quotes:   []string{"\"Margins are the story this quarter, not revenue,\" said {person}, {role}. \"Costs are coming down faster than anyone expected.\""},
				outlooks: []string{"{org} is scheduled to report its next quarterly results in {nextmonth}."},
			},
			{
				titles: []string{"Stocks slide as {sector} shares drag {index} lower", "{index} posts worst day since {prevmonth} on {sector} sell-off"},
				leads:  []string{"{index} fell {pct} on {weekday}, its steepest one-day drop since {prevmonth}, as a sell-off in {sector} stocks spread across the market."},
				details: []string{
					"The {sector} sector was the worst performer of the session, shedding {pct2}.",
					"A gauge of expected volatility jumped to its highest level in {n} weeks.",
					"Only a handful of stocks in the index ended the day higher.",
				},
				quotes: []string{"\"It is too early to call the bottom,\" said {person}, {role}."},
			},
			{
				titles: []string{"{org} agrees {money} takeover of {org2}", "{org} to buy rival {org2} in {money} deal"},
				leads:  []string{"{org} said on {weekday} it would acquire {org2} in a cash-and-stock deal valuing the target at {money}, one of the largest takeovers announced this year."},
				details: append([]string{
					"The offer represents a premium of {pct2} to {org2}'s closing price before the announcement.",
					"The deal still needs approval from regulators and from {org2} shareholders, and is expected to close in the {quarter} quarter.",
					"{org2}, which employs about {count} people, had been under pressure from activist shareholders to sell non-core units.",
				}, companyDetails...),
				outlooks: []string{"Shareholders of {org2} are expected to vote on the offer in {nextmonth}."},
			},
			{
				titles: []string{"{org} cuts full-year outlook, shares tumble", "{org} slumps {pct} after profit warning"},
				leads:  []string{"{org} lowered its full-year profit forecast on {weekday}, citing weaker demand in {region} and higher input costs, sending its shares down {pct} in early trading."},
				details: append([]string{
					"The company now expects annual revenue of about {money}, down from a previous forecast of {money2}.",
					"It also said it would delay some capital spending and review its dividend policy.",
					"Several analysts cut their price targets on the stock within hours of the announcement.",
				}, companyDetails[2:]...),
				outlooks: []string{"Most analysts still rate the stock a buy, though several trimmed their targets after the announcement."},
			},
			{
				titles: []string{"Bond yields climb as traders pare bets on rate cuts", "Dollar firms, {bond} rises after strong data"},
				leads:  []string{"Government bond yields rose on {weekday} after stronger-than-expected economic data prompted traders to scale back bets on interest rate cuts, with {bond} climbing to {yield}."},
				details: []string{
					"Futures markets now price in roughly {n} quarter-point rate cuts by the end of the year, down from more before the data.",
					"The dollar index gained {smallpct} against a basket of major currencies.",
					"Gold traded near ${goldprice} an ounce, little changed on the day.",
				},
			},
			{
				titles: []string{"{org} to buy back {money} of shares", "{org} unveils buyback and higher dividend"},
				leads:  []string{"{org} announced a {money} share buyback programme on {weekday} and raised its quarterly dividend, signalling confidence in its cash flow despite a slowing economy."},
				details: append([]string{
					"The buyback is equivalent to about {pct} of the company's market value.",
					"The dividend will rise to ${eps} a share, payable next quarter.",
				}, companyDetails...),
			},
		},
		details: []string{
			"Bank shares were mixed, with lenders exposed to commercial property under pressure.",
			"The yield on the 10-year Treasury note was little changed at {yield}.",
			"Analysts at {firm} said earnings revisions had turned positive for the first time in {n} months.",
			"Trading volumes were about {pct3} above the 30-day average, according to exchange data.",
			"Roughly {n} out of every ten companies that have reported so far have beaten profit expectations.",
			"Investors are also weighing the outlook for interest rates, which has shifted several times this year.",
			"Hedge funds had built up sizeable short positions in the sector before the move.",
			"European markets closed mixed, while Asian shares ended the day slightly higher.",
		},
		quotes: []string{
			"\"The market is priced for perfection, and that leaves very little room for disappointment,\" said {person}, {role}.",
			"\"We are seeing a rotation out of the crowded trades and into sectors that have been ignored all year,\" {person}, {role}, said in a note to clients.",
			"{person}, {role}, said investors were likely to stay cautious until the next round of inflation data.",
			"\"There is a lot of uncertainty, and investors are being paid very little to take risk,\" said {person}, {role}.",
		},
		outlooks: []string{
			"Investors will look to next week's jobs report and a speech by the central bank governor for further direction.",
			"Strategists at {firm} said they expected volatility to remain elevated through the end of the {quarter} quarter.",
			"Trading is expected to be thin ahead of a public holiday next week.",
		},
		context: []string{
			"Broader stock markets were little changed on the day.",
			"Investors have grown more sensitive to signs of slowing growth in recent weeks.",
			"Listed companies in the sector have lagged the wider market this year.",
			"Shares of companies exposed to the issue have been volatile since the start of the year.",
		},
	},
	{
		tag:     "crypto",
		related: []string{"markets", "regulation", "technology"},
		slots: map[string][]string{
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
		angles: []angle{
			{
				titles: []string{"Bitcoin tops ${btcprice} as ETF inflows accelerate", "Bitcoin climbs past ${btcprice} on fresh institutional demand"},
				leads:  []string{"Bitcoin climbed above ${btcprice} on {weekday}, extending a rally that has added more than {pct} to the world's largest cryptocurrency this month as money kept flowing into exchange-traded funds."},
				details: []string{
					"Spot bitcoin ETFs took in {smallmoney} of net inflows over the past five trading days, according to data compiled by {firm}.",
					"The funding rate on perpetual futures turned positive again, a sign that leveraged traders are betting on further gains.",
					"On-chain data show that long-term holders have moved fewer coins to exchanges this month, which analysts read as reduced selling pressure.",
				},
				outlooks: []string{"Traders are watching the ${btcround} level, which has acted as resistance twice this year."},
			},
			{
				titles: []string{"{org} launches {product} amid surge in institutional demand", "{org} rolls out {product} for pension funds and wealth managers"},
				leads:  []string{"{org} said on {weekday} it had launched a {product}, betting that pension funds and wealth managers are ready to put more money into digital assets."},
				details: []string{
					"The product will initially be available to clients in {n} countries.",
					"{org} said it had more than {smallcount} institutional clients on a waiting list before the launch.",
					"Fees will be set at {smallpct} a year, undercutting several rivals.",
				},
			},
			{
				titles: []string{"{regulator} delays decision on {org}'s {product} application", "{regulator} pushes back ruling on {product}"},
				leads:  []string{"{regulator} pushed back its decision on a {product} proposed by {org}, the latest in a series of delays that have frustrated issuers."},
				details: []string{
					"Regulators have approved several products in recent months, but have insisted on strict custody and surveillance arrangements.",
					"The agency said it needed more time to consider comments submitted during the review period.",
				},
				outlooks: []string{"{regulator} is expected to rule on several similar applications before the end of {nextmonth}."},
			},
			{
				titles: []string{"{asset} slides {pct} after {org} halts withdrawals", "{org} pauses withdrawals, rattling {asset} traders"},
				leads:  []string{"{asset} fell as much as {pct} on {weekday} after {org} paused customer withdrawals, citing what it called an unusual spike in redemption requests."},
				details: []string{
					"{org} said customer funds were held in segregated cold-storage wallets and that it had engaged an outside auditor.",
					"Liquidations of leveraged positions topped {smallmoney} in 24 hours, most of them bets on higher prices.",
					"Withdrawals of stablecoins from the platform had climbed sharply in the days before the pause, blockchain data show.",
				},
				quotes: []string{"\"This is a liquidity event, not a solvency problem,\" {person}, {role}, wrote on social media."},
			},
			{
				titles: []string{"Crypto exchange {org} fined {smallmoney} over compliance lapses", "{org} settles anti-money-laundering case for {smallmoney}"},
				leads:  []string{"{org} has agreed to pay {smallmoney} to settle allegations that it failed to run adequate anti-money-laundering checks, according to a statement from {regulator}."},
				details: []string{
					"The regulator said the exchange had onboarded thousands of customers without verifying their identity.",
					"As part of the settlement, {org} will appoint an independent monitor for {n} years.",
				},
			},
			{
				titles: []string{"Hackers drain {smallmoney} from {org} bridge in latest DeFi exploit", "{org} confirms {smallmoney} bridge hack"},
				leads:  []string{"Attackers exploited a flaw in a cross-chain bridge run by {org} and made off with tokens worth about {smallmoney}, the company confirmed on {weekday}."},
				details: []string{
					"The exploit used a bug in the bridge's signature verification, allowing the attacker to mint tokens without locking collateral.",
					"Security firms traced part of the stolen funds to a mixing service within hours of the attack.",
				},
				outlooks: []string{"{org} said it would publish a full incident report and compensate affected users."},
			},
			{
				titles: []string{"Stablecoin supply hits record as traders seek dollar exposure", "Bitcoin miners sell reserves as hash rate climbs to new high"},
				leads: []string{
					"The total supply of stablecoins rose to a record on {weekday}, as traders parked cash in dollar-pegged tokens and payment firms expanded their use of the technology.",
					"Bitcoin miners sold more of their reserves this month as the network's hash rate reached a new high and rising difficulty squeezed their margins.",
				},
				details: []string{
					"Stablecoins in circulation now exceed ${stable} billion, with most of the growth coming from dollar-backed tokens.",
					"The network's hash rate, a measure of the computing power securing bitcoin, reached a record of about {hash} exahashes per second.",
					"{org} holds roughly {btccount} bitcoin on its balance sheet, according to its latest filing.",
				},
			},
		},
		details: []string{
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
		quotes: []string{
			"\"Institutions are no longer asking whether to own bitcoin, they are asking how much,\" said {person}, {role}.",
			"\"The regulatory picture is clearer than it has ever been, and that is what the big allocators were waiting for,\" said {person}, {role}.",
			"{person}, {role}, warned that leverage had built up quickly and that a sharp pullback could not be ruled out.",
			"\"Every cycle we see the same thing: prices run ahead of fundamentals and then the market corrects,\" said {person}, {role}.",
		},
		outlooks: []string{
			"Analysts said the next test for the market would be the options expiry at the end of the month.",
			"Traders will also watch the release of inflation data next week, which has moved crypto prices in recent months.",
			"Several exchanges said they would publish proof-of-reserves reports before the end of {nextmonth}.",
		},
		context: []string{
			"Crypto markets were steady, with bitcoin little changed over the day.",
			"Digital-asset firms have been following the case closely.",
			"The crypto industry has lobbied for clearer rules for years.",
			"Tokenized assets and stablecoins have drawn growing interest from traditional banks.",
		},
	},
	{
		tag:     "energy",
		related: []string{"markets", "climate", "trade"},
		slots: map[string][]string{
			"org": {"Kittering Oil", "Brayson Energy", "Northsea Meridian Gas", "Caldera Petroleum", "Solvang Power",
				"Tarragon Pipelines", "Westmark Refining", "Halden LNG", "Orla Renewables", "Fairhaven Utilities"},
			"benchmark": {"Brent crude", "West Texas Intermediate", "Dubai crude", "North Sea Forties crude"},
			"field":     {"offshore field", "shale acreage", "export pipeline", "refinery", "LNG terminal", "offshore wind farm", "gas storage site"},
			"basin":     {"the North Sea", "the Permian Basin", "West Africa", "the Gulf of Mexico", "the Caspian region", "northern Norway", "the Barents Sea"},
			"role": {"oil analyst at {firm}", "head of commodities research at {firm}", "the energy minister", "chief executive of {org}",
				"a senior trader at {firm}"},
			"subject": {"oil market", "gas market", "power market"},
		},
		angles: []angle{
			{
				titles: []string{"Oil jumps {pct} as OPEC+ signals deeper output cuts", "Crude rallies on talk of further OPEC+ supply curbs"},
				leads:  []string{"Oil prices rose on {weekday} after OPEC+ delegates signalled that the group could deepen production cuts at its next meeting, with {benchmark} gaining {pct}."},
				details: []string{
					"OPEC+ members are currently withholding roughly {mbd} million barrels per day from the market under a series of voluntary cuts.",
					"Some members have produced above their quotas in recent months, complicating the group's efforts to support prices.",
				},
				quotes:   []string{"\"The market has underestimated how disciplined the producers are prepared to be,\" said {person}, {role}."},
				outlooks: []string{"OPEC+ ministers are due to meet again in {nextmonth} to review output levels."},
			},
			{
				titles: []string{"{org} shuts {field} in {basin} after leak", "Leak forces {org} to halt output in {basin}"},
				leads:  []string{"{org} said on {weekday} it had shut its {field} in {basin} after detecting a leak, removing about {barrels} barrels a day from the market."},
				details: []string{
					"The outage is expected to last at least {n} days while engineers inspect the damaged section.",
					"Coast guard officials said there was no sign of a large spill, but an exclusion zone had been set up around the site.",
				},
				quotes:   []string{"\"Our priority is the safety of our people and the environment,\" {org} said in a statement."},
				outlooks: []string{"{org} said it would give an update on repairs once inspections were complete."},
				slots: map[string][]string{
					"org":   {"Kittering Oil", "Brayson Energy", "Northsea Meridian Gas", "Caldera Petroleum", "Tarragon Pipelines"},
					"field": {"offshore field", "export pipeline", "LNG terminal", "gas storage site", "production platform"},
				},
			},
			{
				titles: []string{"{benchmark} falls to {n}-week low on demand worries", "Crude stockpiles rise unexpectedly, pressuring prices"},
				leads:  []string{"{benchmark} slid for a third straight session on {weekday}, weighed down by signs of weaker fuel demand in Asia and an unexpected build in crude inventories."},
				details: []string{
					"Government data showed crude inventories rose by {barrels2} million barrels last week, against expectations for a draw.",
					"Hedge funds have cut their bullish bets on crude to the lowest level in {n} months, regulatory data show.",
				},
				quotes: []string{"\"Demand is the missing piece. Supply is under control, but consumers are not buying the way they used to,\" said {person}, {role}."},
			},
			{
				titles: []string{"{org} to invest {money} in new {field} in {basin}", "{org} commits {money} to {basin} expansion"},
				leads:  []string{"{org} plans to spend {money} developing a new {field} in {basin}, the company said, in one of the largest energy commitments announced this year."},
				details: []string{
					"The project will require approval from regulators and is not expected to start production until the end of the decade.",
					"{org}'s capital spending plan also includes {smallmoney} for carbon capture and low-emission projects.",
				},
			},
			{
				titles: []string{"Pipeline outage sends {benchmark} sharply higher", "Refiners scramble as {org} pipeline goes offline"},
				leads:  []string{"Energy traders scrambled on {weekday} after an outage on a major pipeline operated by {org} cut flows to refiners along the coast."},
				details: []string{
					"Diesel and jet fuel margins have climbed steadily as refinery maintenance reduced supply.",
					"Some refiners said they had enough crude in storage to keep running for about {n} days.",
				},
				slots: map[string][]string{"org": {"Tarragon Pipelines", "Westmark Refining", "Brayson Energy", "Caldera Petroleum"}},
			},
			{
				titles: []string{"{org} posts record quarterly profit on higher gas prices", "Gas windfall lifts {org} to bumper quarter"},
				leads:  []string{"{org} reported record quarterly profit of {money} on {weekday}, helped by higher natural gas prices and strong trading results."},
				details: []string{
					"The company's production averaged {boe} barrels of oil equivalent per day in the quarter.",
					"Shipments of liquefied natural gas to Asia rose {pct} from a year earlier.",
					"Natural gas storage in Europe stands at about {storage}% of capacity, above the seasonal average.",
				},
				slots: map[string][]string{"org": {"Northsea Meridian Gas", "Halden LNG", "Kittering Oil", "Brayson Energy"}},
			},
		},
		details: []string{
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
		quotes: []string{
			"{person}, {role}, said prices could test the top of their recent range if the disruption drags on.",
			"\"Nobody in this market is planning for calm. Everyone is hedging,\" said {person}, {role}.",
			"{person}, {role}, said investment in new supply had not kept pace with demand over the past decade.",
		},
		outlooks: []string{
			"Analysts at {firm} kept their forecast for {benchmark} to average ${oilprice3} a barrel next year.",
			"Traders will watch weekly inventory data and the pace of refinery restarts for clues on demand.",
			"Prices are likely to stay volatile until the winter heating season begins, analysts said.",
		},
		context: []string{
			"Energy costs remain a major concern for households and businesses.",
			"Oil prices were little changed on the day.",
			"Higher power prices have weighed on industrial output this year.",
			"Fuel accounts for a large share of operating costs in the sector.",
		},
	},
	{
		tag:     "elections",
		related: []string{"housing", "labor", "transport", "health"},
		slots: map[string][]string{
			"party": {"the Progressive Alliance", "the Civic Union", "the National Renewal Party", "the Green Future party",
				"the Liberal Centre", "the People's Labour Party"},
			"office": {"governor", "mayor", "senator", "state treasurer", "county executive"},
			"issue": {"housing costs", "public transport", "taxes", "healthcare waiting lists", "crime", "energy bills",
				"school funding", "childcare"},
			"role": {"a political scientist at {university}", "campaign manager for {candidate2}", "a pollster at {firm}",
				"chair of {party}", "a former election official"},
			"subject": {"campaign", "race"},
		},
		angles: []angle{
			{
				titles: []string{"{candidate} leads {candidate2} by {n} points in new poll", "Poll: {candidate} opens {n}-point lead in {office} race"},
				leads:  []string{"{candidate} of {party} holds a {n}-point lead over {candidate2} in the race for {office}, according to a poll released on {weekday}."},
				details: []string{
					"The survey of {count} likely voters has a margin of error of plus or minus {moe} percentage points.",
					"Independent voters, who make up about a third of the electorate, remain split, the poll found.",
					"{candidate2} has campaigned heavily in rural districts, where {party2} has traditionally been strong.",
				},
				outlooks: []string{"A second poll, due out next week, will show whether the latest debate moved voters."},
			},
			{
				titles: []string{"Early turnout hits record in {city} {office} race", "Voters in {city} head to the polls in closely watched {office} election"},
				leads:  []string{"More than {count} voters cast ballots on the first day of early voting in {city}, election officials said, a record for a {office} race."},
				details: []string{
					"Turnout in the last comparable election was {turnout}%, among the lowest in the region's history.",
					"Polls close at 8 p.m. local time, and officials expect preliminary results shortly before midnight.",
					"The election commission said it had received {smallcount} complaints about long queues at polling stations.",
					"Mail-in ballots postmarked by election day will be counted if they arrive within a week.",
				},
			},
			{
				titles: []string{"{party} unveils platform focused on {issue}", "{party} bets on {issue} to win back suburban voters"},
				leads:  []string{"{party} launched its election platform on {weekday}, putting {issue} at the centre of a campaign it hopes will win back suburban voters."},
				details: []string{
					"The platform also promises to tackle {issue2} within two years, though it gives few details on how the measures would be paid for.",
					"Party officials said the programme had been costed by outside economists.",
				},
			},
			{
				titles: []string{"Debate turns heated as {candidate} and {candidate2} clash over {issue}", "{candidate}, {candidate2} spar over {issue} in only debate"},
				leads:  []string{"{candidate} and {candidate2} traded sharp words over {issue} on {weekday} night in the only televised debate of the {office} race."},
				details: []string{
					"{candidate} has promised to tackle {issue2} and freeze local taxes for two years.",
					"Both campaigns have spent heavily on television advertising, with outside groups adding another {smallmoney}.",
				},
				outlooks: []string{"The two candidates are scheduled to meet again at a town-hall forum next week."},
			},
			{
				titles: []string{"Recount ordered in tight {city} council contest", "Razor-thin margin triggers recount in {city}"},
				leads:  []string{"Election officials in {city} ordered a recount on {weekday} after the margin between {candidate} and {candidate2} in a council contest fell below {smallcount} votes."},
				details: []string{
					"The recount will be conducted by hand and is expected to take about {n} days.",
					"Lawyers for both campaigns have been sent to observe the process.",
				},
				outlooks: []string{"{party} said it would not challenge the outcome if the recount confirmed the original result."},
			},
		},
		details: []string{
			"Early voting runs until {weekday2}, with polling stations open from 7 a.m.",
			"The {party} candidate has been endorsed by several local unions and business groups.",
			"A record {smallcount} volunteers have signed up to work at polling stations, officials said.",
			"Campaign finance filings show {candidate} has raised {smallmoney} since the start of the year.",
			"Younger voters have registered in larger numbers than at any previous local election.",
			"Both campaigns say the race will be decided in a handful of suburban districts.",
			"Turnout among voters over 65 has historically been almost twice that of voters under 30.",
		},
		quotes: []string{
			"\"People want to talk about {issue}, and the candidate who sounds most credible on it will win,\" said {person}, {role}.",
			"\"We are not taking a single vote for granted,\" {candidate} told supporters at a rally in {city}.",
			"\"The numbers are tightening, and both sides know it,\" said {person}, {role}.",
			"{person}, {role}, said the result would be read as a verdict on the national government.",
		},
		outlooks: []string{
			"Final results are expected to be certified by {nextmonth}.",
			"Both campaigns plan a final round of rallies over the weekend.",
			"Officials urged voters to check their polling station before election day, as several locations have changed.",
		},
		context: []string{
			"The issue is expected to feature prominently in the upcoming election campaign.",
			"Several candidates have already weighed in on the matter.",
			"Lawmakers from both main parties have called for a review.",
			"Opinion polls suggest voters rank the issue among their top concerns.",
		},
	},
	{
		tag:     "climate",
		related: []string{"energy", "agriculture", "science", "health"},
		slots: map[string][]string{
			"org": {"the Coastal Resilience Institute", "the Greenmantle Foundation", "the Alder Climate Lab",
				"Thornbury Carbon Partners", "the Lowland Water Board", "the Verdant Cities Network"},
			"event":  {"heat waves", "drought", "flooding", "wildfires", "storm surges", "extreme rainfall"},
			"policy": {"carbon border levy", "methane reduction pledge", "coal phase-out plan", "regional emissions trading scheme", "loss and damage fund"},
			"role": {"a climate scientist at {university}", "director of {org}", "the environment minister", "a hydrologist at {university}",
				"policy lead at {org}"},
			"subject": {"climate debate", "energy transition"},
		},
		angles: []angle{
			{
				titles: []string{"{region} swelters as heat wave breaks temperature records", "Record heat grips {region}, red alerts issued"},
				leads:  []string{"Temperatures across {region} climbed above {temp} degrees Celsius on {weekday} as a prolonged heat wave broke records at dozens of weather stations."},
				details: []string{
					"Authorities issued red alerts in {n} provinces and opened cooling centres for elderly residents.",
					"Hospitals reported a rise in admissions for heatstroke and dehydration.",
				},
				outlooks: []string{"Forecasters expect the heat to ease by the end of next week, though another warm spell is possible in {nextmonth}."},
			},
			{
				titles: []string{"Countries agree new {policy} at climate talks in {city}", "Climate talks in {city} end with deal on {policy}"},
				leads:  []string{"Negotiators meeting in {city} agreed on {weekday} to set up a {policy}, ending two weeks of talks that at times looked close to collapse."},
				details: []string{
					"The agreement commits signatories to report progress every two years, but includes no penalties for missing targets.",
					"Delegates from small island states said the text fell short of what science demands.",
				},
				quotes:   []string{"\"This is not enough, but it is a floor we can build on,\" {person}, {role}, told reporters in {city}."},
				outlooks: []string{"The next round of talks is scheduled for {nextmonth} in {city2}."},
			},
			{
				titles: []string{"Scientists warn risk of {event} rising faster than models predicted", "Study finds risk of {event} in {region} has doubled"},
				leads:  []string{"A study published on {weekday} found that the risk of severe {event} in {region} has roughly doubled since the 1990s, with researchers warning that current models underestimate the trend."},
				details: []string{
					"The researchers analysed more than {count} weather records going back to 1950.",
					"Insurers estimate that losses from such events in the region already exceed {money} a year.",
				},
				outlooks: []string{"The authors plan to extend their analysis to other regions later this year."},
			},
			{
				titles: []string{"{city} unveils {money} flood defence plan", "{city} to spend {money} on sea walls and wetlands"},
				leads:  []string{"{city} will spend {money} on sea walls, pumping stations and wetland restoration under a flood defence plan unveiled by city officials on {weekday}."},
				details: []string{
					"The plan also includes new building rules that would require ground-floor flood barriers in low-lying districts.",
					"About {count} homes in the city are in areas at high risk of flooding, according to official maps.",
				},
				outlooks: []string{"City officials said construction on the first phase could begin within {n} months."},
			},
			{
				titles: []string{"Global temperatures hit record for {prevmonth}", "Last month was the hottest {prevmonth} on record, data show"},
				leads:  []string{"Last month was the warmest {prevmonth} on record globally, according to data released on {weekday}, extending a streak of record-breaking months."},
				details: []string{
					"Average global surface temperatures were about {anom} degrees Celsius above the pre-industrial average.",
					"Ocean heat content reached a new high, adding to concerns about coral bleaching.",
				},
			},
			{
				titles: []string{"Drought cuts river levels to historic lows across {region}", "Barges stranded as drought drains rivers in {region}"},
				leads:  []string{"River levels across {region} fell to historic lows this week after months of below-average rainfall, stranding barges and forcing water restrictions in dozens of towns."},
				details: []string{
					"River levels at key gauging stations were {pct} below their long-term average.",
					"Farmers in the area have reported crop losses of up to {pct2}, according to a local agricultural association.",
				},
			},
		},
		details: []string{
			"Water use in {city} has been restricted to essential needs for the first time since 2003.",
			"Wildfire smoke pushed air quality readings in {city} into the unhealthy range for {n} days.",
			"Adaptation spending has risen to about {money} a year, according to estimates by {firm}.",
			"Solar and wind together generated {pct3} of electricity in the first half of the year, a record share.",
			"Scientists say the warming trend is making extreme weather both more frequent and more intense.",
			"Environmental groups called on the government to bring forward its target for net-zero emissions.",
			"The region has experienced {n} of its ten hottest summers in the past fifteen years.",
			"Emergency services said they had been stretched by a rise in weather-related call-outs.",
		},
		quotes: []string{
			"\"What used to be a once-in-a-century event is now something we should expect every decade,\" said {person}, {role}.",
			"\"The physics is not negotiable. Every tenth of a degree matters,\" said {person}, {role}.",
			"{person}, {role}, said the findings should prompt governments to rethink where new housing is built.",
		},
		outlooks: []string{
			"Meteorologists will publish their seasonal outlook in {nextmonth}.",
			"The government is due to present an updated climate adaptation strategy before the end of the year.",
		},
		context: []string{
			"Scientists say extreme weather is becoming more frequent as the planet warms.",
			"Environmental groups have criticised the plans as too slow.",
			"Climate risks are increasingly factored into investment decisions.",
			"The region has set a target of net-zero emissions by 2045.",
		},
	},
	{
		tag:     "sports",
		related: []string{"health"},
		slots: map[string][]string{
			"team": {"Harbor City FC", "Ridgeline Rovers", "the Copper Valley Miners", "Northport United", "the Lakeshore Comets",
				"Eastbrook Athletic", "the Summit Falcons", "Marlow Town", "the Granite Bay Sharks", "Westfield Wanderers",
				"Kingsbridge Albion", "Port Calder City"},
			"competition": {"the cup semi-finals", "the championship final", "the quarter-finals", "the playoffs"},
			"event": {"the Alpine Classic cycling race", "the Coastal Open tennis tournament", "the Lakeshore Marathon",
				"the national swimming championships", "the Ridgeway Grand Prix"},
			"role":    {"head coach of {team}", "captain of {team}", "sporting director at {team}", "a former international", "manager of {team2}"},
			"subject": {"club", "league"},
		},
		angles: []angle{
			{
				titles: []string{"{team} beat {team2} {score} to reach {competition}", "{athlete} double sends {team} into {competition}"},
				leads:  []string{"{team} beat {team2} {score} on {weekday} night to reach {competition}, with {athlete} scoring twice in the second half."},
				details: []string{
					"{team2} had taken the lead shortly before half-time through a penalty after a handball in the area.",
					"{team2} finished the match with ten men after a second yellow card in the {minute}th minute.",
					"Ticket sales for the next home game sold out within hours of the result.",
				},
				quotes:   []string{"\"The players never stopped believing, and that is what this club is about,\" said {person}, {role}."},
				outlooks: []string{"{team} will face the winner of the other tie in {nextmonth}."},
			},
			{
				titles: []string{"{athlete} wins {event} in record time", "Record-breaking {athlete} takes {event}"},
				leads:  []string{"{athlete} won {event} on {weekday}, finishing {n} seconds clear of the field and setting a course record."},
				details: []string{
					"Conditions were difficult, with strong winds and rain for most of the afternoon.",
					"It was {athlete}'s {ordinal} victory of the season.",
				},
				quotes:   []string{"\"I have dreamed about this since I was a kid,\" {athlete} said."},
				outlooks: []string{"{athlete} will now turn attention to the national championships later this season."},
			},
			{
				titles: []string{"{team} sack coach after {n} straight defeats", "{team} part ways with coach as losing run continues"},
				leads:  []string{"{team} dismissed their head coach on {weekday} after a run of {n} straight league defeats left the club near the bottom of the table."},
				details: []string{
					"The club's board said an interim coach would take charge of training until a permanent appointment is made.",
					"Supporters had protested outside the stadium after the most recent defeat.",
				},
				quotes:   []string{"\"We have to be honest with ourselves. Results have not been good enough,\" {person}, {role}, told reporters."},
				outlooks: []string{"The club said it expected to name a new coach within {n2} weeks."},
			},
			{
				titles: []string{"{team} sign {athlete} in club-record {smallmoney} deal", "{athlete} joins {team} from {team2}"},
				leads:  []string{"{team} have signed {athlete} from {team2} for a club-record fee of {smallmoney}, the club announced on {weekday}."},
				details: []string{
					"The transfer includes add-ons that could raise the total fee by a further {smallmoney2}.",
					"{athlete} scored {goals} goals in all competitions last season.",
				},
			},
			{
				titles: []string{"Late goal earns {team} dramatic draw against {team2}", "{team} snatch stoppage-time draw with {team2}"},
				leads:  []string{"A stoppage-time header from {athlete} rescued a draw for {team} against {team2} in front of {crowd} fans on {weekday}."},
				details: []string{
					"The result leaves {team} in {ordinal} place, {n} points behind the leaders.",
					"Attendance at the stadium was the largest of the season.",
				},
				outlooks: []string{"{team} host {team2} in the return fixture on {weekday2}."},
			},
			{
				titles: []string{"Injury blow for {team} as captain ruled out for {n} weeks", "{team} captain {athlete} faces {n} weeks out"},
				leads:  []string{"{team} will be without captain {athlete} for about {n} weeks after scans confirmed a hamstring injury sustained in training on {weekday}."},
				details: []string{
					"Medical staff said surgery would not be needed.",
					"The club has already lost {n2} first-team players to injury this season.",
				},
			},
		},
		details: []string{
			"{athlete2} has been one of the most consistent performers in the league this season.",
			"The club's academy has produced {n} first-team regulars in the past three seasons.",
			"Ticket prices have risen by an average of {pct2} this season.",
			"Season-ticket sales are up on last year, the club said.",
			"The league's new broadcast deal has lifted revenues for most clubs.",
			"The squad has been rotated heavily because of a congested fixture list.",
			"Local businesses near the stadium said match days had become busier this season.",
		},
		quotes: []string{
			"{person}, {role}, said the squad would need strengthening before the transfer window closes.",
			"\"Every game in this league is hard, and we have to treat it that way,\" said {person}, {role}.",
			"{person}, {role}, said the focus was now on recovering for the next fixture.",
		},
		outlooks: []string{
			"The next round of fixtures takes place over the weekend.",
			"The season resumes after a two-week international break.",
		},
		context: []string{
			"Several athletes have spoken publicly about the issue.",
			"Sports broadcasters have paid record sums for rights this season.",
			"The local club is one of the biggest draws in the area on match days.",
		},
	},
	{
		tag:     "technology",
		related: []string{"markets", "regulation", "labor", "science"},
		slots: map[string][]string{
			"org": {"Corvane Systems", "Meridel Software", "Brightline AI", "Quanta Harbor",
				"Tessel Cloud", "Nordlicht Robotics", "Pinecrest Devices", "Orbis Data", "Skyloom Labs"},
			"product": {"AI assistant", "AI chip", "smartphone", "cloud database service", "large language model",
				"operating system", "satellite internet service", "coding assistant"},
			"role": {"chief executive of {org}", "chief technology officer at {org}", "an analyst at {firm}", "research director at {firm}",
				"a security researcher at {university}"},
			"subject": {"tech industry", "AI market"},
		},
		angles: []angle{
			{
				titles: []string{"{org} unveils new {product} as AI race heats up", "{org} takes on rivals with {product}"},
				leads:  []string{"{org} introduced a new {product} on {weekday}, promising faster responses and lower costs as it tries to catch up with bigger rivals in artificial intelligence."},
				details: []string{
					"Developers will be able to access the new {product} through an API starting next month.",
					"{org} said the underlying model was trained on a mix of licensed and publicly available data.",
				},
				outlooks: []string{"The company will give more details at its developer conference in {nextmonth}."},
			},
			{
				titles: []string{"{org} to build {money} data centre near {city}", "{org} picks {city} for {money} AI data centre"},
				leads:  []string{"{org} will build a {money} data centre near {city}, the company said on {weekday}, adding to a wave of investment in computing capacity for AI."},
				details: []string{
					"The facility is expected to draw up to {mw} megawatts of power when fully operational.",
					"Local officials said the project would create about {smallcount} permanent jobs.",
				},
				outlooks: []string{"Construction is scheduled to begin in {nextmonth}, with the first phase due online in {nextyear}."},
			},
			{
				titles: []string{"Outage knocks {org} cloud service offline for hours", "{org} apologises after hours-long cloud outage"},
				leads:  []string{"A software fault took {org}'s cloud service offline for several hours on {weekday}, disrupting websites, payment systems and business apps for customers around the world."},
				details: []string{
					"The outage began shortly after a routine configuration change, according to the company's status page.",
					"Monitoring services recorded more than {count} user reports of problems at the peak.",
				},
				quotes:   []string{"\"We owe our customers an apology,\" {person}, {role}, wrote in a blog post."},
				outlooks: []string{"{org} said it would publish a detailed post-incident review within {n} days."},
				slots:    map[string][]string{"org": {"Tessel Cloud", "Orbis Data", "Meridel Software", "Skyloom Labs"}},
			},
			{
				titles: []string{"{org} to cut {jobcuts} jobs in restructuring", "{org} lays off {layoffpct} of staff to fund AI push"},
				leads:  []string{"{org} plans to cut about {jobcuts} jobs, or roughly {layoffpct} of its workforce, as it shifts spending toward artificial intelligence, according to an internal memo."},
				details: []string{
					"The job cuts will mostly affect sales and administrative roles, the memo said.",
					"The company has hired more than {smallcount} engineers over the past year, many of them in machine learning.",
				},
				quotes: []string{"\"This is a difficult decision, but it positions us for the next decade,\" said {person}, {role}."},
			},
			{
				titles: []string{"Security flaw in {org} routers exposes millions of devices", "{org} rushes out patch for critical router bug"},
				leads:  []string{"Security researchers disclosed a critical vulnerability in routers made by {org} on {weekday}, warning that attackers could take control of devices remotely."},
				details: []string{
					"The flaw has been assigned a severity score of {cvss} out of 10, and a patch is available.",
					"{org} said the affected devices account for a small share of its installed base, but did not give a number.",
				},
				slots: map[string][]string{"org": {"Vellum Networks", "Pinecrest Devices", "Nordlicht Robotics"}},
			},
			{
				titles: []string{"{org} shares surge on strong demand for AI chips", "Chipmaker {org} lifts forecast as AI orders pile up"},
				leads:  []string{"Shares of {org} jumped {pct} on {weekday} after the chipmaker raised its revenue forecast, saying demand for AI servers was outstripping supply."},
				details: []string{
					"Revenue from the company's data-centre division rose {pct2} from a year earlier, to {money}.",
					"Demand for advanced chips continues to outstrip supply, with lead times stretching to {n} months.",
				},
				slots: map[string][]string{"org": {"Halvern Semiconductor", "Quanta Harbor", "Corvane Systems", "Lattice Peak Microdevices"}},
			},
		},
		details: []string{
			"{org} shipped about {count} units of its flagship device last quarter, according to estimates by {firm}.",
			"The company's research team has grown to more than {smallcount} people, many of them based in {city}.",
			"Cloud revenue across the industry grew {pct3} last year, according to {firm}.",
			"Analysts at {firm} estimate that spending on AI infrastructure will exceed ${tn} trillion by the end of the decade.",
			"Regulators in Europe are reviewing several recent deals in cloud software.",
			"Shares of {org} have risen {pct3} so far this year.",
			"The company counts more than {smallcount} large enterprises among its customers.",
			"Competition for engineers with experience in machine learning remains fierce.",
		},
		quotes: []string{
			"\"Compute is the new oil, and everyone is trying to secure as much of it as they can,\" said {person}, {role}.",
			"{person}, {role}, said the announcement showed the company was still a serious contender in AI.",
			"\"Customers want tools that save them time, and they want them to be reliable,\" said {person}, {role}.",
		},
		outlooks: []string{
			"{org} is due to report quarterly results in {nextmonth}.",
			"Industry analysts expect more announcements of this kind before the end of the year.",
		},
		context: []string{
			"Companies in the sector have invested heavily in artificial intelligence over the past two years.",
			"Demand for computing power has surged as businesses adopt AI tools.",
			"Cybersecurity experts have warned about the risks of relying on a few large providers.",
			"Much of the work is now done with the help of software and automation.",
		},
	},
	{
		tag:     "health",
		related: []string{"science", "labor", "elections"},
		slots: map[string][]string{
			"org": {"Marlowe Pharmaceuticals", "Ostrander Biotech", "Veridian Therapeutics", "Calloway Medical Group", "Hartwell Bio"},
			"condition": {"measles", "influenza", "type 2 diabetes", "Alzheimer's disease", "heart disease", "dengue fever",
				"long COVID", "antibiotic-resistant infections"},
			"drug":     {"an experimental weight-loss drug", "a new RSV vaccine", "a gene therapy", "a once-weekly insulin", "an antiviral pill", "a cholesterol-lowering injection"},
			"hospital": {"St. Aldric Hospital", "Lakeview General", "Harborview Children's Hospital", "Northgate Medical Centre"},
			"role": {"an epidemiologist at {university}", "chief medical officer at {org}", "head of infectious diseases at {hospital}",
				"the health minister", "a cardiologist at {hospital}"},
			"subject": {"health system", "hospital sector"},
		},
		angles: []angle{
			{
				titles: []string{"Measles cases rise in {city} as officials urge vaccination", "Health officials in {city} confirm {smallcount} new measles cases"},
				leads:  []string{"Health officials in {city} reported {smallcount} new cases of measles on {weekday}, the highest weekly total in {n} years, and urged residents to check their vaccination records."},
				details: []string{
					"Vaccination coverage among young children has fallen to {cov}%, below the level needed to prevent outbreaks.",
					"Public health teams have set up pop-up clinics in schools and community centres.",
				},
				quotes:   []string{"\"Vaccination remains the single best protection we have,\" said {person}, {role}."},
				outlooks: []string{"Officials will publish updated case numbers weekly until the outbreak is contained."},
			},
			{
				titles: []string{"Trial shows {drug} cuts hospitalisation risk by {pct}", "{org} shares climb after positive trial data"},
				leads:  []string{"{drug} developed by {org} reduced the risk of hospitalisation by {pct} in a late-stage trial, the company said on {weekday}."},
				details: []string{
					"The trial enrolled {count} participants across {n} countries and followed them for two years.",
					"Side effects were mostly mild, with nausea and headaches the most commonly reported.",
					"Experts stressed that the findings need to be confirmed once the full data are published.",
				},
				quotes: []string{
					"\"These results are genuinely encouraging for patients who have had very few options,\" said {person}, {role}.",
					"{person}, {role}, cautioned that longer follow-up would be needed to confirm the benefit.",
				},
				outlooks: []string{"Full results will be presented at a medical conference in {nextmonth}."},
			},
			{
				titles: []string{"Regulator approves {drug} from {org}", "{org} wins approval for {drug}"},
				leads:  []string{"Regulators on {weekday} approved {drug} from {org}, giving doctors a new option for patients with {condition}."},
				details: []string{
					"The treatment is expected to cost around ${drugprice} a month before discounts.",
					"The company plans to seek approval in Europe and Japan early next year.",
				},
				quotes:   []string{"\"These results are genuinely encouraging for patients who have had very few options,\" said {person}, {role}."},
				outlooks: []string{"{org} said it expects to launch the treatment in the first half of {nextyear}."},
			},
			{
				titles: []string{"Study links poor sleep to higher risk of {condition}", "Short sleep tied to {condition} in large study"},
				leads:  []string{"People who sleep fewer than six hours a night have a markedly higher risk of {condition}, according to a study of more than {count} adults published on {weekday}."},
				details: []string{
					"The researchers adjusted for age, income, smoking and physical activity.",
					"The study was observational and cannot prove that poor sleep causes the condition, the authors noted.",
				},
				slots: map[string][]string{"condition": {"type 2 diabetes", "Alzheimer's disease", "heart disease", "depression", "high blood pressure"}},
			},
			{
				titles: []string{"Hospital waiting lists hit record {count}", "Nurses warn of staff shortages as winter approaches"},
				leads:  []string{"The number of patients waiting for planned hospital treatment reached a record {count} in {prevmonth}, new figures show, as hospitals struggle with staff shortages."},
				details: []string{
					"About {pct} of those waiting have been on the list for more than a year.",
					"Hospitals in the area have postponed some non-urgent operations to free up beds.",
				},
				quotes:   []string{"\"Staff are exhausted, and winter has not even started,\" {person}, {role}, told reporters."},
				outlooks: []string{"The health authority said it would review staffing plans before the winter."},
			},
		},
		details: []string{
			"Emergency departments in {city} treated {count} patients last month, a record for the time of year.",
			"The number of family doctors per head of population has fallen for {n} years in a row.",
			"A survey by {firm} found that {pct3} of adults had delayed seeing a doctor because of cost.",
			"Patient groups welcomed the news but called for faster access to new treatments.",
			"Health spending has grown faster than the wider economy for most of the past decade.",
			"The health ministry said it was monitoring the situation closely.",
			"Demand for hospital care typically peaks in the winter months.",
		},
		quotes: []string{
			"\"We have to look at the whole picture, not just one set of numbers,\" said {person}, {role}.",
			"{person}, {role}, said the news underlined the need for more investment in prevention.",
		},
		outlooks: []string{
			"The ministry is expected to publish a new workforce plan in {nextmonth}.",
			"Further data will be released at the end of the year.",
		},
		context: []string{
			"Public health experts have warned about the long-term effects on wellbeing.",
			"Hospitals in the region have been under heavy pressure this year.",
			"Health officials said there was no immediate risk to the public.",
			"Staff sickness rates have risen across many workplaces.",
		},
	},
	{
		tag:     "science",
		related: []string{"climate", "technology", "health"},
		slots: map[string][]string{
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
		angles: []angle{
			{
				titles: []string{"Researchers report {discovery}", "Scientists at {org} announce {discovery}"},
				leads:  []string{"Researchers at {org} said on {weekday} they had found {discovery}, a result published in a leading journal after two years of analysis."},
				details: []string{
					"Independent experts said the results would need to be confirmed by other groups.",
					"The data will be made publicly available next year, allowing other teams to test the findings.",
				},
			},
			{
				titles: []string{"{org} launches {mission} after weather delay", "{mission} lifts off from site near {city}"},
				leads:  []string{"{org} launched its {mission} on {weekday} from a site near {city}, after a delay of {n} days caused by high winds."},
				details: []string{
					"The spacecraft will spend about {n2} months travelling to its destination.",
					"Funding for the mission was nearly cut in a budget review several years ago.",
				},
				quotes:   []string{"\"Every launch is nerve-racking, but this one went perfectly,\" {person}, {role}, said."},
				outlooks: []string{"Science operations are scheduled to begin in {nextmonth}, after a period of calibration."},
				slots:    map[string][]string{"org": {"the Astra Meridian space agency", "the Kepler Ridge Observatory"}},
			},
			{
				titles: []string{"{mission} sends first images back to Earth", "First pictures from {mission} exceed expectations"},
				leads:  []string{"The {mission} operated by {org} has returned its first images, showing details that mission scientists said exceeded their expectations."},
				details: []string{
					"The team used {count} hours of observations to calibrate the instruments.",
					"Engineers fixed a minor software problem during the first weeks of the mission.",
				},
				slots: map[string][]string{"org": {"the Astra Meridian space agency", "the Kepler Ridge Observatory"}},
			},
			{
				titles: []string{"Deep-sea expedition finds new species near hydrothermal vents", "Ocean survey led by {org} reveals {n} unknown species"},
				leads:  []string{"An expedition led by {org} has found {n} previously unknown species near hydrothermal vents, scientists said on {weekday}, describing the haul as one of the most significant in the field in a decade."},
				details: []string{
					"Samples were collected at a depth of more than {depth} metres.",
					"The researchers now plan to return to the site with more sensitive instruments.",
				},
				slots: map[string][]string{"org": {"the Institute for Deep Ocean Research", "the Polar Research Consortium"}},
			},
			{
				titles: []string{"Physicists measure particle mass with record precision", "Lab result puts tighter limit on particle mass"},
				leads:  []string{"Physicists at {org} have measured the mass of a fundamental particle with record precision, a result that could help test the limits of the standard model."},
				details: []string{
					"The measurement is {n} times more precise than the previous best result.",
					"The experiment collected data for almost {n2} years before the analysis began.",
				},
				slots: map[string][]string{"org": {"the Lindmoor Physics Laboratory"}},
			},
		},
		details: []string{
			"Around {smallcount} researchers from {n2} institutions contributed to the paper.",
			"The instrument was built in {city} over a period of six years.",
			"The team's earlier results, published {n} years ago, were met with some scepticism.",
			"The findings were published in a peer-reviewed journal.",
			"The project cost about {money} and involved researchers from {n} countries.",
			"Much of the analysis was carried out by doctoral students.",
			"The team has applied for additional funding to continue the work.",
		},
		quotes: []string{
			"\"We did not expect to see anything like this,\" said {person}, {role}.",
			"\"It opens up a whole new set of questions,\" said {person}, {role}.",
			"{person}, {role}, said the result showed how much remained to be learned.",
		},
		outlooks: []string{
			"A follow-up study is expected to be published early next year.",
			"{org} said it would decide on the next phase of the programme later this year.",
		},
		context: []string{
			"The research was partly funded by public grants.",
			"Researchers at several universities are working on similar projects.",
			"Scientists have studied the question for decades.",
		},
	},
	{
		tag:     "trade",
		related: []string{"markets", "agriculture", "transport", "energy"},
		slots: map[string][]string{
			"org": {"Halvard Shipping", "Brannock Steel", "Pemberton Foods", "Aldgate Industries", "Rydell Logistics",
				"Seaforth Container Lines", "Marston Motors"},
			"good": {"steel", "aluminium", "soybeans", "electric vehicles", "semiconductors", "solar panels", "rare earth minerals",
				"wine", "lumber"},
			"role": {"trade economist at {firm}", "chief executive of {org}", "the trade minister", "a former trade negotiator",
				"head of the {city} chamber of commerce"},
			"subject": {"trade relationship", "shipping industry"},
		},
		angles: []angle{
			{
				titles: []string{"Tariffs on {good} from {country} to rise to {tariffpct}%", "Government raises duties on {good} from {country}"},
				leads:  []string{"The government said on {weekday} it would raise tariffs on imports of {good} from {country} to {tariffpct}%, escalating a dispute that has simmered for months."},
				details: []string{
					"Imports of {good} from {country} were worth about {money} last year.",
					"The tariff increase will take effect on the first day of {nextmonth}.",
					"{org} said it was looking at moving part of its supply chain to avoid the new duties.",
				},
				outlooks: []string{"{country} has said it will respond with measures of its own if the tariffs go ahead."},
			},
			{
				titles: []string{"Exports fall {pct} as demand from {country} weakens", "Trade deficit narrows to {money} in {prevmonth}"},
				leads:  []string{"Exports fell {pct} in {prevmonth} from a year earlier, official data showed on {weekday}, as demand from {country} cooled."},
				details: []string{
					"The trade deficit narrowed to {money}, smaller than economists had forecast.",
					"Shipments of machinery and vehicles accounted for most of the decline.",
				},
			},
			{
				titles: []string{"Trade talks with {country} stall over {good}", "No deal as talks with {country} break up"},
				leads:  []string{"Talks on a trade agreement with {country} broke up on {weekday} without a deal, with negotiators unable to bridge differences over {good}."},
				details: []string{
					"Negotiators have met {n} times since the talks began last year.",
					"Business groups warned that retaliation could hit farmers and manufacturers hardest.",
				},
				outlooks: []string{"Officials said a further round of talks could take place in {nextmonth}."},
			},
			{
				titles: []string{"Port of {city} container volumes hit record", "Importers rush goods through {city} ahead of tariff deadline"},
				leads:  []string{"The port of {city} handled a record number of containers in {prevmonth}, as importers rushed to bring in goods ahead of planned tariff increases."},
				details: []string{
					"Container throughput rose {pct} to {teu} twenty-foot equivalent units.",
					"Freight rates on the Asia-to-Europe route have climbed {pct2} in a month, according to an index compiled by {firm}.",
				},
			},
			{
				titles: []string{"{country} and {country2} sign deal to cut duties on {good}", "{country}, {country2} agree to phase out tariffs on {good}"},
				leads:  []string{"{country} and {country2} signed an agreement on {weekday} to phase out duties on {good} over five years."},
				details: []string{
					"The agreement still needs to be ratified by both parliaments.",
					"Exporters of {good} said the deal would open a market worth {money} a year.",
				},
			},
		},
		details: []string{
			"Exports to {country} have grown {pct3} over the past five years.",
			"Port officials in {city} said berths were fully booked for the next {n} weeks.",
			"The value of goods traded between the two sides exceeded {money} last year.",
			"{org} said it was reviewing its supply chain in light of the trade tensions.",
			"Customs data show a sharp rise in shipments routed through third countries.",
			"Economists expect trade flows to normalise once the new rates are in place.",
			"Logistics companies reported longer waiting times at several major ports.",
		},
		quotes: []string{
			"\"Tariffs are a tax on our own consumers, whatever anyone says,\" said {person}, {role}.",
			"\"We will defend our industries, and we will not be rushed into a bad deal,\" {person}, {role}, told reporters.",
			"\"Supply chains are being redrawn in real time,\" said {person}, {role}.",
			"{person}, {role}, said companies were stockpiling goods ahead of any further changes.",
		},
		outlooks: []string{
			"Monthly trade figures for {month} are due in {nextmonth}.",
			"Officials said they remained open to further talks.",
		},
		context: []string{
			"Exports account for a large share of the region's economic output.",
			"Tariff disputes have unsettled supply chains this year.",
			"Shipping costs have risen in recent months.",
		},
	},
	{
		tag:     "housing",
		related: []string{"markets", "elections", "labor"},
		slots: map[string][]string{
			"org": {"Keystone Homes", "Larchmont Realty", "Bellweather Mortgage", "Riverbend Developments", "the Homebuilders Council",
				"Summit Property Trust"},
			"role": {"chief economist at {org}", "a housing economist at {firm}", "head of research at {firm}", "a mortgage broker in {city}",
				"the housing minister"},
			"subject": {"housing market", "property market"},
		},
		angles: []angle{
			{
				titles: []string{"Home prices in {city} fall for {ordinal} straight month", "{city} house prices slip again as buyers hold back"},
				leads:  []string{"Average home prices in {city} fell {smallpct} in {prevmonth}, the {ordinal} monthly decline in a row, as higher borrowing costs kept buyers on the sidelines."},
				details: []string{
					"The median sale price stood at ${homeprice}, according to figures from {org}.",
					"Homes in the area now take an average of {days} days to sell, up from {days2} a year ago.",
				},
			},
			{
				titles: []string{"Mortgage rates drop to {rate}%, lowest since {prevmonth}", "Falling mortgage rates lure buyers back"},
				leads:  []string{"The average rate on a 30-year fixed mortgage fell to {rate}% this week, according to lender surveys, giving a lift to would-be buyers."},
				details: []string{
					"Mortgage applications rose {pct} from the previous week.",
					"Lenders have started to cut rates on fixed-term products as funding costs ease.",
				},
			},
			{
				titles: []string{"Housing starts jump {pct} as builders bet on lower rates", "Builders break ground on more homes in {prevmonth}"},
				leads:  []string{"Construction started on {pct} more homes in {prevmonth} than a month earlier, government data showed on {weekday}, as builders responded to signs of easing rates."},
				details: []string{
					"Builders say higher costs for labour and materials are squeezing margins.",
					"Permits for future construction, a leading indicator, rose {pct2}.",
				},
			},
			{
				titles: []string{"{city} approves {homes} new homes on former rail yard", "Council backs major housing scheme in {city}"},
				leads:  []string{"City councillors in {city} approved plans on {weekday} for about {homes} new homes on a former rail yard, ending a three-year planning fight."},
				details: []string{
					"About a quarter of the new homes will be offered at below-market rents.",
					"Residents' groups had objected to the height of the proposed towers and the loss of green space.",
				},
				outlooks: []string{"Construction on the first buildings is expected to start next spring."},
			},
			{
				titles: []string{"Rents climb {pct} in {city} as vacancy rate hits record low", "Council weighs cap on short-term rentals in {city}"},
				leads:  []string{"Rents rose {pct} over the past year in {city}, where the share of empty apartments has dropped to a record low and councillors are debating a cap on short-term lets."},
				details: []string{
					"Short-term rentals account for roughly one in {n} homes in the city centre, according to council estimates.",
					"Tenant groups say the rise has pushed many younger workers out of the city.",
				},
				outlooks: []string{"The council will vote on the rental cap in {nextmonth}."},
			},
		},
		details: []string{
			"The average deposit for a first home in {city} is now equivalent to {n} years of median earnings.",
			"Planning approvals fell {pct2} in the first half of the year, according to {org}.",
			"Build-to-rent developers have accounted for a growing share of new supply.",
			"Inventory of homes for sale remains about {pct3} below pre-pandemic levels.",
			"The share of first-time buyers fell to its lowest level since records began.",
			"Estate agents reported a pick-up in viewings over the past month.",
			"Construction of social housing has lagged targets for most of the decade.",
		},
		quotes: []string{
			"\"Affordability is still stretched, but the direction of travel is finally positive,\" said {person}, {role}.",
			"\"Buyers are back, but they are cautious and they are negotiating hard,\" said {person}, {role}.",
			"\"We need to build more homes, and we need to build them faster,\" {person}, {role}, said.",
			"{person}, {role}, said prices were likely to stabilise by the end of the year.",
		},
		outlooks: []string{
			"The next official house price figures are due in {nextmonth}.",
			"Economists expect activity to pick up if borrowing costs continue to fall.",
		},
		context: []string{
			"Housing costs have become a central political issue.",
			"High rents have made it harder for employers to recruit staff.",
			"Property values in the area have risen sharply over the past decade.",
		},
	},
	{
		tag:     "transport",
		related: []string{"labor", "climate", "energy"},
		slots: map[string][]string{
			"org": {"Coastline Rail", "Meridia Rail", "Valley Line Railways", "the Regional Transit Authority"},
			"role": {"chief executive of {org}", "a transport analyst at {firm}", "a spokesperson for {org}", "a union representative",
				"the transport minister"},
			"subject": {"transport network", "airline industry"},
		},
		angles: []angle{
			{
				titles: []string{"Rail strike halts trains around {city}", "{org} staff walk out, commuters stranded in {city}"},
				leads:  []string{"Train services around {city} were severely disrupted on {weekday} as staff at {org} walked out in a dispute over pay and working hours."},
				details: []string{
					"The union said members had rejected a pay offer of {payrise}% as inadequate.",
					"Replacement buses ran every {n} minutes during peak hours, but queues stretched for hundreds of metres.",
				},
				quotes:   []string{"\"Nobody wants to strike, but our members have been left with no choice,\" said {person}, {role}."},
				outlooks: []string{"Further strike dates have been pencilled in for {nextmonth}."},
			},
			{
				titles: []string{"{org} orders {planes} new jets in {billions} deal", "{org} places big order to renew fleet"},
				leads:  []string{"{org} has ordered {planes} new narrow-body jets in a deal worth about {billions} at list prices, the airline said on {weekday}."},
				details: []string{
					"Deliveries of the aircraft are scheduled to begin in {nextyear}.",
					"Fuel accounts for roughly a third of the airline's operating costs.",
					"{org} carried {count} passengers last month, {pct} more than a year earlier.",
				},
				quotes: []string{"\"This gives us the modern, efficient fleet we need for the next decade,\" said {person}, {role}."},
				slots:  map[string][]string{"org": {"Northway Airlines", "Bluewing Air", "Coastal Skies"}},
			},
			{
				titles: []string{"Commuters face delays as {city} metro line closes for repairs", "{city} metro line to shut for {n} weeks"},
				leads:  []string{"A key metro line in {city} will close for {n} weeks for track repairs, forcing thousands of commuters onto replacement buses."},
				details: []string{
					"Punctuality on the network fell to {cov}% last quarter, the lowest in five years.",
					"The works will replace signalling equipment installed in the 1970s.",
				},
				quotes: []string{"{person}, {role}, said the works were overdue and would improve reliability."},
			},
			{
				titles: []string{"High-speed rail link between {city} and {city2} gets green light", "Government approves {billions} rail line to {city2}"},
				leads:  []string{"The government gave final approval on {weekday} to a high-speed rail line between {city} and {city2}, a project expected to cost {billions}."},
				details: []string{
					"The new line will cut journey times between the two cities to under {n} hours.",
					"The project has faced opposition from landowners along the proposed route.",
				},
				outlooks: []string{"Construction could begin as soon as {nextyear} if the financing is agreed."},
			},
			{
				titles: []string{"Flight cancellations mount as air traffic control shortages bite", "Airlines cancel {smallcount} flights amid controller shortages"},
				leads:  []string{"Airlines cancelled more than {smallcount} flights on {weekday} because of staff shortages at air traffic control centres."},
				details: []string{
					"Passengers were advised to check with their airline before travelling to the airport.",
					"{org} said it had cancelled about one in {n} of its scheduled departures.",
				},
				quotes: []string{"\"We apologise to passengers for the disruption, which is outside our control,\" {org} said in a statement."},
				slots:  map[string][]string{"org": {"Northway Airlines", "Bluewing Air", "Coastal Skies"}},
			},
		},
		details: []string{
			"Bus ridership in {city} has risen {pct2} since fares were cut last year.",
			"The operator has ordered {smallcount} new carriages, the first of which are due next year.",
			"Road traffic in {city} rose sharply during the disruption, according to navigation data.",
			"Ridership has recovered to about {cov}% of pre-pandemic levels.",
			"Freight operators warned that delays could affect deliveries to supermarkets.",
			"The network carries about {count} passengers on a typical weekday.",
			"Passenger groups have called for better compensation when services are cancelled.",
		},
		quotes: []string{
			"\"Reliable transport is the backbone of the regional economy,\" said {person}, {role}.",
			"{person}, {role}, said passengers deserved better information when things go wrong.",
		},
		outlooks: []string{
			"The transport ministry will publish a review of the network in {nextmonth}.",
			"Passenger numbers for the summer will be published next month.",
		},
		context: []string{
			"Transport links to the area have been a long-standing concern for residents.",
			"Higher fuel costs have pushed up freight rates.",
			"Commuters have faced repeated disruption this year.",
		},
	},
	{
		tag:     "agriculture",
		related: []string{"climate", "trade", "markets"},
		slots: map[string][]string{
			"crop": {"wheat", "corn", "soybean", "coffee", "cocoa", "barley", "canola", "oat"},
			"org": {"the Copper Valley Growers' Cooperative", "Prairie Gold Grain", "Harlan Seeds", "the Farmers' Union",
				"Ridgeway Dairy", "Westfield Agricultural Bank"},
			"role": {"a grain analyst at {firm}", "president of {org}", "an agronomist at {university}", "a farmer near {city}",
				"the agriculture minister"},
			"subject": {"farm sector", "grain market"},
		},
		angles: []angle{
			{
				titles: []string{"{crop} prices surge as drought hits harvest", "{crop} futures jump {pct} on dry-weather warnings"},
				leads:  []string{"{crop} futures jumped {pct} on {weekday} after forecasters warned that dry weather would cut yields across key growing regions."},
				details: []string{
					"Soil moisture in the region is at its lowest level in more than {n} decades.",
					"Many growers have locked in prices through forward contracts, limiting their exposure.",
				},
				quotes: []string{
					"\"I have farmed here for thirty years and I have never seen conditions like this,\" said {person}, {role}.",
					"\"The market is reacting to weather, and weather can change fast,\" said {person}, {role}.",
				},
			},
			{
				titles: []string{"Farmers brace for smaller {crop} crop after wet spring", "Late planting clouds {crop} outlook near {city}"},
				leads:  []string{"Farmers around {city} expect a smaller {crop} harvest this year after heavy spring rain delayed planting by several weeks."},
				details: []string{
					"Only about {pct} of the crop had been planted by the end of May, compared with a five-year average of {pct2}.",
					"Insurance claims for crop losses have already exceeded last year's total.",
				},
				quotes: []string{
					"\"I have farmed here for thirty years and I have never seen conditions like this,\" said {person}, {role}.",
					"\"The market is reacting to weather, and weather can change fast,\" said {person}, {role}.",
				},
			},
			{
				titles: []string{"{crop} harvest forecast cut by {pct}", "Ministry trims {crop} outlook on heat and poor soil"},
				leads:  []string{"The agriculture ministry cut its forecast for this year's {crop} harvest by {pct} on {weekday}, citing heat and poor soil moisture."},
				details: []string{
					"Yields are now expected to average about {tph} tonnes per hectare, down from last year.",
					"Exports account for about half of the region's production.",
				},
				quotes: []string{
					"\"I have farmed here for thirty years and I have never seen conditions like this,\" said {person}, {role}.",
					"\"The market is reacting to weather, and weather can change fast,\" said {person}, {role}.",
				},
				outlooks: []string{"The ministry will publish its next crop estimate in {nextmonth}."},
			},
			{
				titles: []string{"{org} opens {smallmoney} processing plant near {city}", "New processing plant brings jobs to {city}"},
				leads:  []string{"{org} opened a {smallmoney} processing plant near {city} on {weekday}, creating about {smallcount} jobs."},
				details: []string{
					"The plant will process up to {count} tonnes of grain and oilseeds a year.",
					"Farmers in the area had previously trucked their crops more than 200 kilometres to the nearest mill.",
				},
			},
			{
				titles: []string{"Bird flu outbreak prompts culling on farms near {city}", "Authorities cull poultry after bird flu found near {city}"},
				leads:  []string{"Authorities ordered the culling of poultry on {n} farms near {city} after a bird flu outbreak was confirmed on {weekday}."},
				details: []string{
					"A protection zone of ten kilometres has been set up around the affected farms.",
					"Egg prices in local supermarkets have already risen {pct}.",
				},
				outlooks: []string{"Officials said restrictions would stay in place for at least {n2} weeks."},
			},
		},
		details: []string{
			"Prices at the farm gate have fallen {pct2} over the past year, according to {org}.",
			"Irrigation costs have climbed as water authorities raised tariffs.",
			"The region produces about {count} tonnes of {crop} in a typical year.",
			"Fertiliser prices remain roughly {pct3} higher than three years ago.",
			"Younger farmers are increasingly turning to drones and soil sensors to manage costs.",
			"Agricultural land prices have continued to rise despite weaker farm incomes.",
			"The cooperative represents more than {smallcount2} family farms in the region.",
		},
		quotes: []string{
			"\"Margins are razor-thin, and one bad season can wipe out a farm,\" said {person}, {role}.",
			"{person}, {role}, said growers would need support if prices fell further.",
			"\"Farmers are resilient, but they need some certainty to plan ahead,\" said {person}, {role}.",
		},
		outlooks: []string{
			"Farm groups are due to meet ministry officials in {nextmonth}.",
			"Analysts said much would depend on rainfall over the coming weeks.",
		},
		context: []string{
			"Farmers in the region have faced a difficult year.",
			"Food prices have risen faster than overall inflation.",
			"Agriculture remains a major employer in rural districts.",
		},
	},
	{
		tag:     "labor",
		related: []string{"markets", "transport", "technology", "health"},
		slots: map[string][]string{
			"org": {"Brannock Steel", "Kinsey Motors", "Osprey Retail Group", "Tessel Cloud", "Harwood Foods", "Castlegate Logistics"},
			"union": {"the United Metalworkers", "the Service and Retail Union", "the National Nurses' Association",
				"the Dockworkers' Guild", "the Teachers' Federation"},
			"role": {"general secretary of {union}", "a labour economist at {university}", "chief people officer at {org}",
				"a shop steward at the {city} plant", "the employment minister"},
			"subject": {"labour market", "jobs market"},
		},
		angles: []angle{
			{
				titles: []string{"Workers at {org} vote to strike over pay", "{union} members back strike at {org}"},
				leads:  []string{"Workers at {org} voted overwhelmingly to strike on {weekday}, with {union} saying that {vote}% of members backed action over pay."},
				details: []string{
					"The union represents about {count} workers at the company's sites.",
					"The company said it had made a fair offer and regretted the union's decision.",
				},
				quotes: []string{
					"\"Our members kept this company going through the hardest years. They deserve a fair share,\" said {person}, {role}.",
					"\"We remain committed to reaching an agreement at the bargaining table,\" {org} said in a statement.",
				},
				outlooks: []string{"Talks between the two sides are set to resume next week."},
			},
			{
				titles: []string{"Unemployment rate falls to {unemp}%", "Employers add more jobs than expected in {prevmonth}"},
				leads:  []string{"The unemployment rate fell to {unemp}% in {prevmonth}, official figures showed on {weekday}, as employers added more jobs than expected."},
				details: []string{
					"Employers added {jobs} jobs last month, compared with economists' forecasts of {jobs2}.",
					"Labour force participation rose slightly, to {lfpr}%.",
				},
				quotes:   []string{"\"The labour market is cooling, but it is cooling gently,\" said {person}, {role}."},
				outlooks: []string{"The next jobs report is due in {nextmonth}."},
			},
			{
				titles: []string{"{union} reaches tentative deal with {org}", "Strike at {org} ends with {payrise}% pay deal"},
				leads:  []string{"{union} and {org} reached a tentative agreement on {weekday} that would raise wages by {payrise}% a year over three years, ending a {n}-week strike."},
				details: []string{
					"The deal must still be ratified in a vote of members.",
					"Picket lines at the main gates were taken down on {weekday} evening.",
				},
				quotes:   []string{"\"Our members kept this company going through the hardest years. They deserve a fair share,\" said {person}, {role}."},
				outlooks: []string{"Ratification votes are expected to be completed by the end of {nextmonth}."},
			},
			{
				titles: []string{"Minimum wage to rise to ${wage} an hour", "Government lifts minimum wage to ${wage}"},
				leads:  []string{"The minimum wage will rise to ${wage} an hour from next year, the government said on {weekday}."},
				details: []string{
					"Business groups warned that the higher minimum wage could lead to fewer hours for younger workers.",
					"About {count} workers are expected to benefit directly from the increase.",
				},
			},
			{
				titles: []string{"Four-day week trial wins over employers in {city}", "Most firms keep four-day week after {city} trial"},
				leads:  []string{"Dozens of companies that tried a four-day working week in {city} say they will keep it, according to results of a trial published on {weekday}."},
				details: []string{
					"Productivity held steady or improved at most of the {smallcount} participating firms.",
					"Staff reported lower levels of stress and fewer sick days.",
				},
				quotes: []string{"{person}, {role}, said staff turnover had fallen sharply since the trial began."},
			},
			{
				titles: []string{"Job openings drop to lowest in {n} years", "Wage growth slows to {payrise}% as labour market cools"},
				leads:  []string{"Job openings fell to {openings} million in {prevmonth}, the lowest in {n} years, in the latest sign that the labour market is cooling."},
				details: []string{
					"Average hourly earnings rose {payrise}% from a year earlier.",
					"The number of people quitting their jobs, a sign of confidence, also fell.",
				},
				quotes: []string{"\"The labour market is cooling, but it is cooling gently,\" said {person}, {role}."},
			},
		},
		details: []string{
			"Vacancies in hospitality and retail remain well above pre-pandemic levels.",
			"About {pct2} of workers in the sector are covered by collective agreements.",
			"The share of people working part-time because they cannot find full-time work edged up.",
			"Union membership has risen for the first time in a decade, according to official data.",
			"Employers in several sectors still report difficulty filling skilled positions.",
			"Real wages have grown for {n} consecutive quarters.",
		},
		quotes: []string{
			"\"Workers are more confident about asking for what they are worth,\" said {person}, {role}.",
			"{person}, {role}, said employers were adjusting to a very different labour market than five years ago.",
		},
		outlooks: []string{
			"Economists will watch next month's figures for signs of a broader slowdown.",
			"The employment ministry said it would consult business groups before any changes take effect.",
		},
		context: []string{
			"The labour market has remained tight despite slower growth.",
			"Workers have pushed for higher pay to keep up with living costs.",
			"Unions have become more active across several industries.",
			"Staff shortages have been reported across the sector.",
		},
	},
	{
		tag:     "regulation",
		related: []string{"technology", "crypto", "markets"},
		slots: map[string][]string{
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
		angles: []angle{
			{
				titles: []string{"{regulator} fines {org} {money} over data breaches", "{org} hit with {money} fine for failing to protect user data"},
				leads:  []string{"{regulator} fined {org} {money} on {weekday}, saying the company had failed to protect the personal data of millions of users."},
				details: []string{
					"The company can appeal the decision within {n} weeks.",
					"Consumer groups welcomed the ruling but said the penalty was too small to change behaviour.",
				},
				slots: map[string][]string{"regulator": {"the data protection regulator", "the European Commission", "the consumer protection agency"}},
			},
			{
				titles: []string{"Lawmakers pass {law} after months of debate", "Parliament approves {law}"},
				leads:  []string{"Lawmakers approved {law} on {weekday} by {votes} votes to {votes2}, giving authorities new powers to oversee the sector."},
				details: []string{
					"Under the new rules, companies face fines of up to {finepct}% of global annual revenue.",
					"Industry groups lobbied hard to weaken the bill's disclosure requirements.",
				},
				outlooks: []string{"The law takes effect in stages, with the strictest requirements applying from {nextyear}."},
			},
			{
				titles: []string{"{regulator} opens investigation into {org}'s pricing", "{org} faces antitrust probe over app store rules"},
				leads:  []string{"{regulator} opened a formal investigation into {org} on {weekday} over concerns that its pricing practices harm smaller rivals."},
				details: []string{
					"The investigation will examine contracts signed over the past five years.",
					"The regulator received more than {smallcount} complaints before opening the case.",
				},
				outlooks: []string{"{org} has until {nextmonth} to respond to the preliminary findings."},
				slots:    map[string][]string{"regulator": {"the competition authority", "the European Commission"}},
			},
			{
				titles: []string{"Court overturns {smallmoney} penalty against {org}", "{org} wins appeal against {regulator} fine"},
				leads:  []string{"A court on {weekday} overturned a {smallmoney} penalty imposed on {org}, ruling that {regulator} had not proved its case."},
				details: []string{
					"{regulator} said it was studying the judgment and had not decided whether to appeal.",
					"Similar cases are under way in at least {n} other jurisdictions.",
				},
				quotes: []string{"{person}, {role}, said the ruling would make regulators more careful in future cases."},
			},
			{
				titles: []string{"{org} agrees to change practices to settle probe", "{org} settles two-year investigation by {regulator}"},
				leads:  []string{"{org} has agreed to change how it ranks search results and handles customer data, settling a two-year probe by {regulator}."},
				details: []string{
					"The settlement includes commitments that will be monitored by an independent trustee for {n} years.",
					"Rivals said the commitments did not go far enough.",
				},
				slots: map[string][]string{"regulator": {"the competition authority", "the European Commission", "the consumer protection agency"}},
			},
		},
		details: []string{
			"The rules were drafted after a public consultation that drew more than {smallcount} responses.",
			"Enforcement budgets at {regulator} have risen {pct2} over the past three years.",
			"Smaller rivals have complained to regulators in {city} about similar practices.",
			"Several companies said they disagreed with parts of the decision and were considering their options.",
			"Lawyers said the case could set a precedent for how the rules are applied to smaller companies.",
			"Regulators in several countries have stepped up scrutiny of large technology platforms.",
			"The company has spent heavily on lobbying over the past two years.",
		},
		quotes: []string{
			"\"No company is too big to follow the rules,\" said {person}, {role}.",
			"\"This creates a great deal of legal uncertainty for the whole industry,\" said {person}, {role}.",
			"\"We have cooperated fully and will continue to do so,\" {org} said in a statement.",
		},
		outlooks: []string{
			"A final decision is expected in {nextmonth}.",
			"{regulator} said it would publish detailed guidance before the rules take effect.",
		},
		context: []string{
			"Regulators have stepped up scrutiny of the sector in recent years.",
			"Lawmakers have called for tougher oversight.",
			"Compliance costs have risen sharply across the industry.",
		},
	},
}
