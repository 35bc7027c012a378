using System.Text.RegularExpressions;
using System.Xml.Linq;
using PartnershipLifecycle.Api.App;
using PartnershipLifecycle.Partners;
using PartnershipLifecycle.Partners.Alerting;
using PartnershipLifecycle.Partners.Viewing;
using PartnershipLifecycle.Tests.Support;

namespace PartnershipLifecycle.Tests.App;

/// <summary>The web app's strings: English and Traditional Chinese have the same keys, and every key a page asks for.</summary>
public partial class AppTextTests
{
    private static readonly string AppFolder = Path.Combine(ApiProcess.RepositoryRoot, "src", "PartnershipLifecycle.Api", "App");

    private static Dictionary<string, string> Strings(string file) =>
        XDocument.Load(Path.Combine(AppFolder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void English_and_Traditional_Chinese_have_the_same_keys_and_no_empty_string()
    {
        var english = Strings("AppText.resx");
        var chinese = Strings("AppText.zh-HK.resx");

        english.Keys.Except(chinese.Keys).ShouldBeEmpty("in English only");
        chinese.Keys.Except(english.Keys).ShouldBeEmpty("in Chinese only");
        english.Where(s => string.IsNullOrWhiteSpace(s.Value)).ShouldBeEmpty();
        chinese.Where(s => string.IsNullOrWhiteSpace(s.Value)).ShouldBeEmpty();
        // The same placeholders on both sides, or string.Format would throw or drop a value.
        english.Where(s => Placeholders(s.Value) != Placeholders(chinese[s.Key])).Select(s => s.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Every_key_a_page_asks_for_has_a_string()
    {
        var english = Strings("AppText.resx");
        var asked = Directory.EnumerateFiles(AppFolder, "*.cs*", SearchOption.AllDirectories)
            .SelectMany(file => LiteralKey().Matches(File.ReadAllText(file)).Select(m => m.Groups["key"].Value))
            .Where(key => !key.EndsWith('.'))
            .ToHashSet();
        foreach (var form in CommandForms.All.Append(CommandForms.NewPartner))
        {
            asked.UnionWith([$"Form.{form.Key}", $"Submit.{form.Key}", $"Saved.{form.Key}", .. form.Fields.Select(f => $"Field.{f.Name}")]);
            foreach (var field in form.Fields.Where(f => f.Vocabulary is not null))
            {
                asked.UnionWith(Enum.GetValues(field.Vocabulary!).Cast<Enum>().Select(v => $"{field.Vocabulary!.Name}.{AppText.Wire(v)}"));
            }
        }

        Type[] shown = [typeof(Stage), typeof(RecruitmentChannel), typeof(HealthBand), typeof(AlertKind), typeof(AlertStatus), typeof(FollowUpStatus), typeof(ContactStatus), typeof(LossReason)];
        asked.UnionWith(shown.SelectMany(t => Enum.GetValues(t).Cast<Enum>().Select(v => $"{t.Name}.{AppText.Wire(v)}")));
        asked.UnionWith(PartnershipLifecycle.Platform.Security.Roles.All.Select(r => $"Role.{r}"));

        asked.Where(key => !english.ContainsKey(key)).Order().ShouldBeEmpty();
    }

    private static string Placeholders(string text) => string.Join(",", Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order());

    [GeneratedRegex(@"(?:L|Text|text)\[""(?<key>[A-Za-z.]+)""")]
    private static partial Regex LiteralKey();
}
