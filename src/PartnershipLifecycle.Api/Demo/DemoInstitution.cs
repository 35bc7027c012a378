using System.Security.Cryptography;
using System.Text;
using Bogus;

namespace PartnershipLifecycle.Api.Demo;

/// <summary>One request of a demo institution's history: a command of the HTTP API, sent in this order.</summary>
/// <param name="Path">The route, e.g. <c>/api/partners/{id}/outreach</c>.</param>
/// <param name="Body">The JSON body, as the API's own clients send it (camelCase, snake_case enum values).</param>
public sealed record DemoRequest(string Path, object Body);

/// <summary>
/// A made-up institution of CLAP-TECH's scale (seed 001: 35+ partners): about 40 partners whose lives, back-dated
/// over the last two years, cover every stage, recruitment channel, loss reason and turnover alert kind, with
/// follow-ups due this week and overdue, MOUs about to expire and partners at risk, so that every screen and
/// report has something to show. Names are invented, half in English and half in Traditional Chinese. The same
/// <c>seed</c> and <c>today</c> give the same requests, ids included; dates are counted back from <c>today</c>
/// (the institution's business date). Every request is an ordinary command, decided by the service's own rules.
/// </summary>
public static class DemoInstitution
{
    /// <summary>How many partners <see cref="Plan"/> makes by default: one life of each kind, and a second round.</summary>
    public const int DefaultPartners = 40;

    private static readonly string[] Channels =
        ["chamber_of_commerce", "industry_association", "alumni_network", "personal_network", "professional_network",
         "partner_referral", "community_college", "high_demand_jobs_research", "inbound", "other"];

    private static readonly (string English, string Chinese)[] Sectors =
    [
        // Sector is free text as a coordinator types it: words, not codes (one language, so that reports group them).
        ("Creative technology", "創意科技"), ("Logistics", "物流"), ("Hospitality", "酒店"), ("Engineering", "工程"),
        ("Healthcare", "醫療"), ("Construction", "建築"), ("Retail", "零售"), ("Finance", "金融"), ("Design", "設計"),
        ("Food and beverage", "餐飲"),
    ];

    private static readonly string[] Places = ["港灣", "九龍", "沙田", "荃灣", "將軍澳", "觀塘", "太古", "維港", "獅子山", "大埔", "元朗", "西貢"];

    /// <summary>What happens to a partner; each kind once in every round of lives, so a small plan still covers all.</summary>
    private enum Fate
    {
        Prospect, Contacted, Pitched, Piloting, Active, ActiveChampionDeparted, ActiveNoActiveContact, ActiveHighTurnover,
        ActiveMouExpiring, ActiveAtRisk, ActiveAlertResolved, Paused, WonBack,
        LostPersonnelTurnover, LostCapacityChange, LostManagementDecision, LostSchedulingDifficulties, LostLowMenteeEnthusiasm,
        LostCommunicationBreakdown, LostDeclinedPitch, LostMouExpired, LostOther,
    }

    /// <summary>The requests that build the institution, in the order to send them.</summary>
    /// <param name="seed">The random source's seed: the same seed gives the same names, dates and ids.</param>
    /// <param name="today">The institution's business date; no date of the plan is after it, except follow-ups' and MOUs' future dates.</param>
    /// <param name="partners">How many partners, 1 to 1,000.</param>
    public static IReadOnlyList<DemoRequest> Plan(int seed, DateOnly today, int partners = DefaultPartners)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partners, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partners, 1000);
        var random = new Randomizer(seed);
        var english = new Faker("en") { Random = random };
        var chinese = new Faker("zh_TW") { Random = random };
        var fates = Enum.GetValues<Fate>();
        var requests = new List<DemoRequest>();
        var created = new List<Guid>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < partners; i++)
        {
            var life = new Life(random, today, seed, i, i % 2 == 1 ? chinese : english, i % 2 == 1, names);
            var fate = fates[i % fates.Length];
            var channel = Channels[i % Channels.Length];
            var referrer = channel == "partner_referral" && created.Count > 0 ? created[random.Number(0, created.Count - 1)] : (Guid?)null;
            life.Live(fate, channel == "partner_referral" && referrer is null ? "inbound" : channel, referrer);
            created.Add(life.PartnerId);
            requests.AddRange(life.Requests);
        }

        return requests;
    }

    /// <summary>A deterministic UUID for the <paramref name="n"/>-th id of a partner's life (ids are part of the plan).</summary>
    private static Guid IdFor(int seed, int partner, string what)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"demo/{seed}/{partner}/{what}")).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, variant RFC 9562
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>One partner's life: a cursor date that only moves forward, and the requests made so far.</summary>
    /// <param name="taken">Names already given (without their legal suffix, as the duplicate check compares them).</param>
    private sealed class Life(Randomizer random, DateOnly today, int seed, int index, Faker names, bool inChinese, ISet<string> taken)
    {
        private int _ids;
        private DateOnly _on;

        public Guid PartnerId { get; } = IdFor(seed, index, "partner");

        public List<DemoRequest> Requests { get; } = [];

        private string Url(string suffix) => $"/api/partners/{PartnerId}/{suffix}";

        private Guid NextId(string what) => IdFor(seed, index, $"{what}/{_ids++}");

        /// <summary>Moves the cursor on by some days, never past today.</summary>
        private DateOnly After(int minDays, int maxDays)
        {
            _on = _on.AddDays(random.Number(minDays, maxDays));
            if (_on > today)
            {
                _on = today;
            }

            return _on;
        }

        public void Live(Fate fate, string channel, Guid? referrer)
        {
            // Older lives for partners that went further, so that every step fits before today.
            var age = fate switch
            {
                Fate.Prospect => random.Number(5, 60),
                Fate.Contacted => random.Number(30, 120),
                Fate.Pitched or Fate.LostDeclinedPitch or Fate.LostManagementDecision or Fate.LostCommunicationBreakdown => random.Number(90, 250),
                Fate.Piloting or Fate.LostSchedulingDifficulties => random.Number(120, 260),
                Fate.ActiveMouExpiring => 365 + random.Number(150, 220),
                Fate.LostMouExpired => 365 + random.Number(260, 330),
                Fate.WonBack => random.Number(600, 720),
                _ => random.Number(400, 700),
            };
            _on = today.AddDays(-age);
            var sector = Sectors[random.Number(0, Sectors.Length - 1)];
            Identify(sector, channel, referrer);
            var champion = AddContact("champion");
            var decisionMaker = fate == Fate.ActiveNoActiveContact ? (Guid?)null : AddContact("decision_maker");
            if (fate == Fate.Prospect)
            {
                FollowUp(dueOn: today.AddDays(random.Number(0, 6)), complete: false);
                return;
            }

            if (fate == Fate.LostOther)
            {
                Lose("other", "The company was acquired and the new owner runs no programmes here.");
                return;
            }

            Outreach();
            if (fate == Fate.Contacted)
            {
                FollowUp(dueOn: today.AddDays(-random.Number(1, 10)), complete: false); // overdue
                return;
            }

            if (fate == Fate.LostCommunicationBreakdown)
            {
                Communicate("outbound");
                Lose("communication_breakdown", "No answer to three emails and two calls.");
                return;
            }

            // The brochure before the pitch was sent then: a communication of that day. (A follow-up is scheduled and
            // completed no earlier than the day of seeding, and completing one is an interaction: every partner would
            // have been in touch today.)
            Communicate("outbound");
            Pitch();
            if (fate == Fate.LostDeclinedPitch)
            {
                PitchOutcome("declined"); // a declined pitch loses the partner (declined_pitch) by itself
                return;
            }

            if (fate == Fate.LostManagementDecision)
            {
                PitchOutcome("undecided");
                Lose("management_decision", "The new CEO froze all outside programmes.");
                return;
            }

            PitchOutcome("interested");
            if (fate == Fate.Pitched)
            {
                FollowUp(dueOn: today, complete: true); // done today: the partner page shows a completed one
                FollowUp(dueOn: today.AddDays(random.Number(1, 6)), complete: false); // due this week
                return;
            }

            Pilot(complete: fate != Fate.Piloting && fate != Fate.LostSchedulingDifficulties);
            if (fate == Fate.Piloting)
            {
                Engage();
                return;
            }

            if (fate == Fate.LostSchedulingDifficulties)
            {
                Lose("scheduling_difficulties", "Their busy season collides with every placement window.");
                return;
            }

            // Active from here: an MOU, then a life of engagements.
            var mouEnds = SignMou(fate);
            var quietFor = fate == Fate.ActiveAtRisk ? random.Number(150, 200) : random.Number(5, 30);
            var stopOn = (fate == Fate.LostMouExpired ? mouEnds : today).AddDays(-quietFor);
            while (_on.AddDays(60) < stopOn)
            {
                After(20, 60);
                Engage();
                if (random.Bool(0.3f))
                {
                    Communicate(random.Bool() ? "outbound" : "inbound");
                }
            }

            Evaluate();
            switch (fate)
            {
                case Fate.ActiveChampionDeparted:
                    Depart(champion, today.AddDays(-random.Number(2, 20)), "Moved to a competitor.");
                    break;
                case Fate.ActiveNoActiveContact:
                    Depart(champion, today.AddDays(-random.Number(2, 20)), "Retired.");
                    break;
                case Fate.ActiveHighTurnover:
                    var mentor = AddContact("mentor");
                    var hr = AddContact("hr");
                    Depart(mentor, _on.AddDays(random.Number(10, 40)), "Relocated overseas.");
                    Depart(hr, _on.AddDays(random.Number(10, 40)), "Left the company.");
                    break;
                case Fate.ActiveAlertResolved:
                    Depart(champion, After(5, 20), "Promoted to the regional office.");
                    After(3, 15);
                    AddContact("champion");
                    break;
                case Fate.ActiveAtRisk:
                    Depart(champion, today.AddDays(-random.Number(30, 60)), "Left for another industry.");
                    break;
                case Fate.Paused:
                    Post("pause", new { reason = "Restructuring this year; back next autumn.", occurredOn = After(5, 30) });
                    break;
                case Fate.LostPersonnelTurnover:
                    Depart(champion, After(5, 20), "Left the company.");
                    Lose("personnel_turnover", "Nobody there took over the programme.");
                    break;
                case Fate.LostCapacityChange:
                    Lose("capacity_change", "The site closed its training floor.");
                    break;
                case Fate.LostLowMenteeEnthusiasm:
                    Lose("low_mentee_enthusiasm", "Mentors felt students did not come prepared.");
                    break;
                case Fate.LostMouExpired:
                    _on = mouEnds.AddDays(random.Number(5, 20));
                    Lose("mou_expired", "The MOU ran out and was not renewed.");
                    break;
                case Fate.WonBack:
                    Lose("capacity_change", "Hiring freeze.");
                    Post("reactivate", new { channel = "alumni_network", note = "A graduate now leads their HR team.", occurredOn = After(60, 120) });
                    Outreach();
                    Pitch();
                    PitchOutcome("interested");
                    break;
            }

            if (decisionMaker is { } dm && fate == Fate.Active && random.Bool(0.5f))
            {
                Post($"contacts/{dm}/role", new { role = "champion", occurredOn = After(1, 10) });
            }

            if (fate is Fate.Active or Fate.ActiveChampionDeparted or Fate.ActiveMouExpiring)
            {
                FollowUp(dueOn: today.AddDays(random.Number(-5, 6)), complete: false);
            }
        }

        private void Post(string suffix, object body) => Requests.Add(new DemoRequest(Url(suffix), body));

        private void Identify((string English, string Chinese) sector, string channel, Guid? referrer)
        {
            // A second partner of the same name would be refused as a duplicate (409): draw again.
            string stem;
            do
            {
                stem = inChinese ? $"{random.ArrayElement(Places)}{sector.Chinese}" : names.Company.CompanyName();
            }
            while (!taken.Add(stem));

            var name = inChinese
                ? stem + random.ArrayElement(new[] { "有限公司", "集團" })
                : $"{stem} {random.ArrayElement(new[] { "Ltd", "Limited", "Co." })}";
            var domain = $"demo-{index + 1}.example";
            Requests.Add(new DemoRequest("/api/partners", new
            {
                id = PartnerId,
                name,
                sector = sector.English,
                channel,
                website = $"https://www.{domain}",
                referredByPartnerId = referrer,
                motivations = random.ArrayElements(new[] { "attract_talent", "give_back", "reputation", "corporate_learning" }, random.Number(1, 2)),
                note = inChinese ? "在招聘會上認識。" : "Met at the careers fair.",
                occurredOn = _on,
            }));
        }

        private Guid AddContact(string role)
        {
            var id = NextId("contact");
            // A Chinese name is written family name first, without a space (何思淼, not "思淼 何").
            var person = inChinese ? names.Name.LastName() + names.Name.FirstName() : names.Name.FullName();
            Post("contacts", new
            {
                contactId = id,
                name = person,
                email = $"contact{_ids}@demo-{index + 1}.example",
                role,
                occurredOn = _on,
            });
            return id;
        }

        private void Depart(Guid contact, DateOnly on, string note)
        {
            _on = on > today ? today : on > _on ? on : _on;
            Post($"contacts/{contact}/departed", new { occurredOn = _on, note });
        }

        private void Outreach() => Post("outreach", new
        {
            channel = random.ArrayElement(new[] { "email", "phone", "in_person", "event", "social_media" }),
            summary = inChinese ? "介紹了實習計劃。" : "Introduced the placement programme.",
            occurredOn = After(3, 20),
        });

        private void FollowUp(DateOnly dueOn, bool complete)
        {
            var id = NextId("follow-up");
            Post("follow-ups", new { followUpId = id, dueOn, purpose = inChinese ? "寄出計劃簡介" : "Send the programme brochure", owner = "coordinator" });
            if (complete)
            {
                // A follow-up is completed on or after the day it was scheduled, which is the day of seeding.
                Post($"follow-ups/{id}/complete", new { occurredOn = today, outcome = "They want a site visit." });
            }
        }

        private void Pitch() => Post("pitches", new
        {
            valueProposition = inChinese ? "為貴公司培訓合適的初級人才。" : "Trained juniors ready for your floor.",
            offerings = random.ArrayElements(new[] { "work_placement", "internship", "mentorship", "guest_talk", "site_visit", "co_design" }, random.Number(1, 3)),
            occurredOn = After(7, 30),
        });

        private void PitchOutcome(string outcome) => Post("pitch-outcome", new { outcome, occurredOn = After(3, 14) });

        private void Pilot(bool complete)
        {
            var startsOn = After(7, 21);
            var endsOn = startsOn.AddDays(random.Number(5, 20));
            Post("pilot", new { description = inChinese ? "一星期的工作體驗" : "A week of job shadowing", startsOn, endsOn });
            if (complete)
            {
                _on = endsOn > today ? today : endsOn;
                Post("pilot/complete", new { occurredOn = _on, rating = random.Number(3, 5), feedback = "Students loved the floor visits.", testimonial = "A great week." });
            }
        }

        private DateOnly SignMou(Fate fate)
        {
            var signedOn = fate switch
            {
                // Ends within Mou:RemindBefore (60 days): the reminder and Today show it.
                Fate.ActiveMouExpiring => today.AddYears(-1).AddDays(random.Number(10, 50)),
                Fate.LostMouExpired => today.AddYears(-1).AddDays(-random.Number(40, 80)),
                _ => After(5, 20),
            };
            _on = signedOn > _on ? signedOn : After(1, 5);
            var endsOn = _on.AddYears(fate is Fate.ActiveMouExpiring or Fate.LostMouExpired ? 1 : 2);
            Post("mou", new
            {
                signedOn = _on,
                startsOn = _on,
                endsOn,
                commitments = new { placementsPerYear = random.Number(2, 20), mentors = random.Number(1, 5), guestSessionsPerYear = random.Number(0, 6), advisoryBoardSeat = random.Bool() },
                partnerResponsibilities = new[] { "host placements", "name a mentor" },
                institutionResponsibilities = new[] { "prepare students" },
            });
            return endsOn;
        }

        private void Engage() => Post("engagements", new
        {
            type = random.ArrayElement(new[] { "mentoring_session", "work_placement", "internship", "guest_talk", "site_visit", "co_design_workshop", "showcase" }),
            occurredOn = _on,
            studentsReached = random.Number(3, 40),
            hours = random.Number(1, 16) / 2m,
            note = inChinese ? "學生反應良好。" : "Students asked good questions.",
        });

        private void Communicate(string direction) => Post("communications", new
        {
            channel = random.ArrayElement(new[] { "email", "phone", "meeting", "video_call", "newsletter" }),
            direction,
            summary = inChinese ? "討論下學期的安排。" : "Talked about next term's plans.",
            occurredOn = _on,
        });

        private void Evaluate() => Post("evaluations", new
        {
            period = $"{_on.Year}-S{(_on.Month <= 6 ? 1 : 2)}",
            studentSatisfaction = random.Number(2, 5),
            partnerSatisfaction = random.Number(2, 5),
            mentorPreparedness = random.Number(2, 5),
            studentInterest = random.Number(2, 5),
            hires = random.Number(0, 3),
            occurredOn = After(1, 10),
        });

        private void Lose(string reason, string note) => Post("lost", new { reason, note, occurredOn = After(3, 20) });
    }
}
