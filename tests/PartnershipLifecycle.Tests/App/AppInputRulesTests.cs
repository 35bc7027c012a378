using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using PartnershipLifecycle.Api.App;
using PartnershipLifecycle.Api.App.Pages;

namespace PartnershipLifecycle.Tests.App;

/// <summary>
/// What a newcomer found (2026-12): "1,5" read as 15, a repeated field sent as "Amy,Bob", a return address that
/// answered 500 or left the app, and the API's JSON names and wire values in the page's messages.
/// </summary>
public sealed class AppInputRulesTests
{
    private static IStringLocalizer<AppText> Text { get; } = new StringLocalizer<AppText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static FormCollection Form(params (string Name, string[] Values)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => new StringValues(f.Values)));

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData("-2", "-2")]
    [InlineData("+0.25", "0.25")]
    [InlineData("1,5", "\"1,5\"")]
    [InlineData("1,000", "\"1,000\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    [InlineData("(5)", "\"(5)\"")]
    [InlineData("١٢", "\"\\u0661\\u0662\"")]
    public void A_decimal_field_reads_only_a_plain_number_and_sends_anything_else_as_typed(string typed, string json)
    {
        var form = CommandForms.Find("engagement")!;
        form.Body(Form(("engagement.hours", [typed])))["hours"]!.ToJsonString().ShouldBe(json);
    }

    [Theory]
    [InlineData("12", "12")]
    [InlineData("-3", "-3")]
    [InlineData("1,000", "\"1,000\"")]
    [InlineData("1.0", "\"1.0\"")]
    [InlineData("99999999999999999999", "\"99999999999999999999\"")]
    public void A_whole_number_field_reads_only_digits(string typed, string json)
    {
        var form = CommandForms.Find("engagement")!;
        form.Body(Form(("engagement.studentsReached", [typed])))["studentsReached"]!.ToJsonString().ShouldBe(json);
    }

    [Fact]
    public void A_field_posted_twice_is_found_and_never_sent_as_both_values()
    {
        var form = CommandForms.Find("contact")!;
        var posted = Form(("contact.name", ["Amy", "Bob"]), ("contact.role", ["champion"]));
        form.Repeated(posted)!.Name.ShouldBe("name");
        form.Body(posted)["name"]!.GetValue<string>().ShouldBe("Amy");
        form.Repeated(Form(("contact.name", ["Amy"]))).ShouldBeNull();
        // Several choices and a checkbox may repeat.
        CommandForms.Find("pitch")!.Repeated(Form(("pitch.offerings", ["internships", "mentoring"])))
            .ShouldBeNull();
    }

    [Theory]
    [InlineData("/app/partners?stage=active", "/app/partners?stage=active")]
    [InlineData("/app/today?x=中", "/app/today?x=%E4%B8%AD")]
    [InlineData("/app/today?x=\u202E", "/app/today?x=%E2%80%AE")]
    [InlineData("/app/today?x=\u0007", null)]
    [InlineData("/app/today\r\nSet-Cookie: a=b", null)]
    [InlineData("/app/../api/partners", null)]
    [InlineData("/app/%2e%2e/api/partners", null)]
    [InlineData("/app/a/./b", null)]
    [InlineData("/app//evil.example", null)]
    [InlineData("/app/\\evil.example", null)]
    [InlineData("/app/a%2Fb", null)]
    [InlineData("/api/partners", null)]
    [InlineData("https://evil.example/app/", null)]
    [InlineData("", null)]
    public void A_return_address_is_a_page_of_the_app_in_ascii_or_refused(string returnUrl, string? safe)
    {
        SignInModel.SafeReturnUrl(returnUrl).ShouldBe(safe);
    }

    private static string Labelled(string message, string form, string culture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return ApiMessages.WithLabels(message, CommandForms.Find(form) ?? CommandForms.NewPartner, Text);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_nested_field_named_by_its_own_name_is_shown_by_its_label()
    {
        Labelled("'placementsPerYear' must be from 0 to 10000.", "amendMou", "en")
            .ShouldBe("“Placements per year” must be from 0 to 10000.");
    }

    [Theory]
    [InlineData("Cannot log outreach while the partner is in stage 'active'; allowed in: prospect, contacted.", "outreach", "en",
        "Cannot log outreach while the partner is in stage “Active”; allowed in: Prospect, Contacted.")]
    [InlineData("'referredByPartnerId' is required when the channel is partner_referral.", "partner", "en",
        "“Referred by (only for a partner referral)” is required when the channel is Partner referral.")]
    [InlineData("since the partner became 'contacted'", "outreach", "en", "since the partner became “Contacted”")]
    [InlineData("Something about 'unknownThing' and some_word.", "outreach", "en", "Something about 'unknownThing' and some_word.")]
    public void Wire_values_are_shown_by_their_names_in_the_pages_language(string message, string form, string culture, string shown)
    {
        Labelled(message, form, culture).ShouldBe(shown);
    }

    [Fact]
    public void In_chinese_the_wire_values_are_chinese_names()
    {
        var shown = Labelled("合作夥伴處於 'active' 階段時不可記錄外展；容許的階段：prospect, contacted。", "outreach", "zh-HK");
        shown.ShouldNotContain("active");
        shown.ShouldNotContain("prospect");
        shown.ShouldContain("「合作中」");
        shown.ShouldContain("潛在夥伴、已接觸");
    }
}
