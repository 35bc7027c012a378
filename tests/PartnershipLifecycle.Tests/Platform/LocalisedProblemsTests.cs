using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using FluentValidation;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Platform.Localization;
using PartnershipLifecycle.Tests.Support;
using Validation = PartnershipLifecycle.Platform.Validation.Validation;

namespace PartnershipLifecycle.Tests.Platform;

/// <summary>
/// Problem details in the language the request asks for (newcomer finding, 2026-12: the app in Chinese showed the API's
/// English messages): <c>Accept-Language: zh-HK</c> (or zh, zh-Hant, zh-TW) answers Traditional Chinese with
/// <c>Content-Language</c>, the fields still named by their JSON names in single quotes; without the header the answer
/// is the English it always was, without <c>Content-Language</c>.
/// </summary>
public class LocalisedProblemsTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static Action<Alba.Scenario> Language(string tag) => s => s.WithRequestHeader("Accept-Language", tag);

    private static object Engagement(DateOnly day, int studentsReached) =>
        new { type = "guest_talk", occurredOn = day.ToString("yyyy-MM-dd"), studentsReached, hours = 1.5m };

    [Fact]
    public async Task A_refused_field_is_answered_in_Chinese_when_asked_and_in_the_same_English_otherwise()
    {
        var id = await PartnerAt(Stage.Active);
        var url = $"/api/partners/{id}/engagements";

        var chinese = await Coordinator.Post(url, Engagement(Today, 200_000), 400, Language("zh-HK"));
        var zh = chinese.Json();
        zh["title"]!.GetValue<string>().ShouldBe("請求無效。");
        zh["errors"]!["studentsReached"]![0]!.GetValue<string>().ShouldBe("'studentsReached' 必須介乎 0 至 100000。");
        chinese.Header("Content-Language").ShouldBe("zh-HK");

        var english = await Coordinator.Post(url, Engagement(Today, 200_000), 400);
        var en = english.Json();
        en["title"]!.GetValue<string>().ShouldBe("The request is not valid.");
        en["errors"]!["studentsReached"]![0]!.GetValue<string>().ShouldBe("'studentsReached' must be from 0 to 100000.");
        en["detail"]!.GetValue<string>().ShouldBe("'studentsReached' must be from 0 to 100000.");
        english.Header("Content-Language").ShouldBeNull();

        // A field the body leaves out (the request guard), and a date in the future (the shared rules).
        var missing = (await Coordinator.Post($"/api/partners/{id}/communications",
            new { channel = "email", direction = "outbound", occurredOn = Today.ToString("yyyy-MM-dd") }, 400, Language("zh-HK"))).Json();
        missing["errors"]!["summary"]![0]!.GetValue<string>().ShouldBe("'summary' 必須填寫。");
        var future = (await Coordinator.Post(url, Engagement(Today.AddDays(3), 10), 400, Language("zh-HK"))).Json();
        future["errors"]!["occurredOn"]![0]!.GetValue<string>().ShouldBe("'occurredOn' 不可是將來的日期。");
    }

    [Theory]
    [InlineData("zh-HK", "zh-HK")]
    [InlineData("zh-TW", "zh-HK")]
    [InlineData("zh-Hant", "zh-HK")]
    [InlineData("zh", "zh-HK")]
    [InlineData("fr-FR, zh;q=0.8", "zh-HK")]
    [InlineData("fr", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("en;q=0.5, zh-HK", "zh-HK")]
    public async Task The_stage_rule_refusal_speaks_the_language_asked_for(string acceptLanguage, string answered)
    {
        var id = await NewPartner();
        var refused = await Coordinator.Post($"/api/partners/{id}/engagements", Engagement(Today, 10), 409, Language(acceptLanguage));
        var problem = refused.Json();
        refused.Header("Content-Language").ShouldBe(answered);
        problem["stage"]!.GetValue<string>().ShouldBe("prospect");
        problem["detail"]!.GetValue<string>().ShouldBe(answered == "zh-HK"
            ? "合作夥伴處於 'prospect' 階段時不可記錄參與活動；容許的階段：active, piloting。"
            : "Cannot record an engagement while the partner is in stage 'prospect'; allowed in: active, piloting.");
        problem["title"]!.GetValue<string>().ShouldBe(answered == "zh-HK" ? "合作夥伴目前的狀態不容許此操作。" : "Not allowed in the partner's current state.");
    }

    [Fact]
    public async Task Not_found_and_changed_since_are_answered_in_Chinese_when_asked()
    {
        var missing = Guid.NewGuid();
        var notFound = (await Coordinator.Post($"/api/partners/{missing}/engagements", Engagement(Today, 10), 404, Language("zh-HK"))).Json();
        notFound["detail"]!.GetValue<string>().ShouldBe($"此機構沒有合作夥伴 {missing}。");
        notFound["title"]!.GetValue<string>().ShouldBe("找不到。");

        var id = await PartnerAt(Stage.Active);
        var stale = (await Coordinator.Post($"/api/partners/{id}/engagements", Engagement(Today, 10), 412,
            s => { s.WithRequestHeader("Accept-Language", "zh-HK"); s.WithRequestHeader("If-Match", "\"1\""); })).Json();
        stale["detail"]!.GetValue<string>().ShouldStartWith("If-Match 指明版本 1，但此合作夥伴現時的版本是 ");
        stale["title"]!.GetValue<string>().ShouldBe("資源已有更改。");

        var english = (await Coordinator.Post($"/api/partners/{id}/engagements", Engagement(Today, 10), 412,
            s => s.WithRequestHeader("If-Match", "\"1\""))).Json();
        english["detail"]!.GetValue<string>().ShouldStartWith("If-Match named version 1, but the partner is at version ");
    }

    [Fact]
    public async Task A_lists_query_values_are_refused_in_Chinese_when_asked()
    {
        // Found trying the API: these were English under "Content-Language: zh-HK".
        var list = (await Coordinator.Get("/api/partners?stage=bogus&pageSize=0", 400, Language("zh-HK"))).Json()["errors"]!;
        list["stage"]![0]!.GetValue<string>().ShouldStartWith("'stage' 必須是以下其中之一：");
        list["pageSize"]![0]!.GetValue<string>().ShouldBe("'pageSize' 必須是 1 至 200 之間的整數。");
        var health = (await Coordinator.Get("/api/health?minScore=80&maxScore=20", 400, Language("zh-HK"))).Json()["errors"]!;
        health["maxScore"]![0]!.GetValue<string>().ShouldBe("'maxScore' 不可低於 'minScore'。");

        var english = (await Coordinator.Get("/api/partners?stage=bogus&pageSize=0", 400)).Json()["errors"]!;
        english["pageSize"]![0]!.GetValue<string>().ShouldBe("'pageSize' must be a whole number from 1 to 200.");
    }
}

/// <summary>
/// The catalogue itself (src/PartnershipLifecycle/Platform/Localization/ApiText*.resx): every key in both languages with
/// the same placeholders and the same quoted JSON names, no key the code does not use, no key the code uses missing, and
/// no message of a rule or refusal written as a literal beside the catalogue.
/// </summary>
public class ApiTextCatalogueTests
{
    private static readonly ResourceManager Resources = new(ApiText.BaseName, typeof(ApiText).Assembly);

    private static Dictionary<string, string> Set(CultureInfo culture) =>
        Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static Dictionary<string, string> English => Set(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Chinese => Set(new CultureInfo("zh-HK"));

    private static readonly Regex Placeholder = new(@"\{[A-Za-z]+\}");
    private static readonly Regex Quoted = new(@"'[^'\s]+'");

    private static IEnumerable<(string File, string Text)> Sources() =>
        Directory.EnumerateFiles(Path.Combine(ApiProcess.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("Internal" + Path.DirectorySeparatorChar + "Generated"))
            .Select(f => (Path.GetRelativePath(ApiProcess.RepositoryRoot, f), File.ReadAllText(f)));

    [Fact]
    public void Every_message_has_both_languages_with_the_same_placeholders_and_field_names()
    {
        var english = English;
        var chinese = Chinese;
        english.Count.ShouldBeGreaterThan(100);
        english.Keys.Except(chinese.Keys).ShouldBeEmpty("keys without a zh-HK translation");
        chinese.Keys.Except(english.Keys).ShouldBeEmpty("zh-HK keys without English");
        foreach (var (key, en) in english)
        {
            var zh = chinese[key];
            if (Placeholder.Replace(en, "").Trim(' ', '\'') is { Length: > 0 })
            {
                zh.ShouldNotBe(en, $"{key} is not translated");
            }

            Placeholder.Matches(zh).Select(m => m.Value).Order().ShouldBe(Placeholder.Matches(en).Select(m => m.Value).Order(), $"{key}: placeholders");
            Quoted.Matches(zh).Select(m => m.Value).Order().ShouldBe(Quoted.Matches(en).Select(m => m.Value).Order(), $"{key}: quoted names");
        }
    }

    [Fact]
    public void Every_key_the_code_uses_is_in_the_catalogue_and_every_key_in_it_is_used()
    {
        var literal = new Regex(@"ApiText\.Format\(\s*""(?<key>[^""]+)""|Rejection\.IdTaken\(\s*""(?<key>[^""]+)""");
        // A literal ending in '.' is a prefix the code completes ("Action." + the command's name), added below.
        var used = Sources().SelectMany(s => literal.Matches(s.Text)).Select(m => m.Groups["key"].Value).Where(k => !k.EndsWith('.')).ToHashSet();
        // Keys the code composes: the command in words for the stage rule, the stream's name.
        used.UnionWith(StageRules.AllowedIn.Keys.Select(t => "Action." + t.Name));
        used.Add("Stream.partner");

        var catalogue = English.Keys.ToHashSet();
        used.Except(catalogue).ShouldBeEmpty("keys the code uses that the catalogue lacks");
        catalogue.Except(used).ShouldBeEmpty("keys no code uses");
        foreach (var key in used)
        {
            Should.NotThrow(() => ApiText.Format(key));
        }
    }

    [Fact]
    public void No_rule_or_refusal_writes_its_message_as_a_literal_beside_the_catalogue()
    {
        var literalMessage = new Regex(
            @"\.WithMessage\(\s*\$?@?""|Rejection\.(NotFound|Conflict)\(\s*\$?@?""|Rejection\.Invalid\(\s*""[^""]*"",\s*\$?@?""|ApiResults\.NotFound\(\s*\$?@?""|CommandAnswers\.Conflict\(\s*\$?@?""");
        var found = Sources().SelectMany(s => literalMessage.Matches(s.Text).Select(m => $"{s.File}: {m.Value}")).ToArray();
        found.ShouldBeEmpty();
        Sources().Sum(s => Regex.Matches(s.Text, @"\.WithMessage\(").Count).ShouldBeGreaterThan(30);
    }

    [Fact]
    public void FluentValidation_s_own_messages_are_Traditional_Chinese_for_zh_HK_and_English_otherwise()
    {
        var rules = new InlineValidator<Sample>();
        rules.RuleFor(x => x.Name).NotEmpty();
        var today = new DateOnly(2026, 12, 1);
        string Message(string culture)
        {
            var saved = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            try
            {
                var problem = (Microsoft.AspNetCore.Http.HttpValidationProblemDetails)Validation.Check(new Sample(""), rules, today);
                return problem.Errors["name"].Single();
            }
            finally
            {
                CultureInfo.CurrentUICulture = saved;
            }
        }

        Message("zh-HK").ShouldBe("'name' 不能為空。");
        Message("en").ShouldBe("'name' must not be empty.");
    }

    private sealed record Sample(string Name);
}
