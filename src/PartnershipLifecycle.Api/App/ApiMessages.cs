using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using PartnershipLifecycle.Partners;

namespace PartnershipLifecycle.Api.App;

/// <summary>
/// The API's messages as the page shows them. The API answers in the page's language (<see cref="AppApi"/> sends it as
/// <c>Accept-Language</c>) and names each field by its JSON name in single quotes (<c>'studentsReached'</c>), as
/// integrators need; a person reads the label the form shows instead (<c>Field.{name}</c> of AppText, quoted as the
/// page's language quotes: “Students reached”, 「接觸學生人數」). A nested field may be named by its own name
/// (<c>'placementsPerYear'</c> for the form's <c>commitments.placementsPerYear</c>). Vocabulary values the API writes
/// as on the wire — quoted (<c>stage 'prospect'</c>), with an underscore (<c>partner_referral</c>), or a list after a
/// colon (<c>allowed in: active, piloting</c>) — are shown by their names in the page's language
/// (<see cref="AppTextExtensions.Name"/>). Anything else stays as it is.
/// </summary>
public static partial class ApiMessages
{
    [GeneratedRegex(@"'(?<name>[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*(?:\[\d+\])?)'")]
    private static partial Regex QuotedName();

    // A wire value with an underscore, not quoted: "when the channel is partner_referral".
    [GeneratedRegex(@"(?<![A-Za-z0-9_'.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![A-Za-z0-9_'])")]
    private static partial Regex SnakeWord();

    // A list of wire values after a colon: "allowed in: active, piloting", "容許的階段：active, piloting".
    [GeneratedRegex(@"(?<=[:：] ?)[a-z][a-z0-9_]*(?:, [a-z][a-z0-9_]*)*(?![A-Za-z0-9_'])")]
    private static partial Regex WireList();

    // Chinese corner brackets need no space beside Chinese text: "「日期」 不可" → "「日期」不可".
    [GeneratedRegex(@"(?<=」) (?=[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}])|(?<=\p{IsCJKUnifiedIdeographs}) (?=「)")]
    private static partial Regex SpaceBesideCornerBracket();

    /// <summary>The domain's vocabularies (Partners/Vocabulary.cs), the stage first: where a wire value is looked for.</summary>
    private static readonly Type[] Vocabularies =
    [
        typeof(Stage), typeof(RecruitmentChannel), typeof(OutreachChannel), typeof(Offering), typeof(PitchOutcome), typeof(ContactRole),
        typeof(ContactStatus), typeof(LossReason), typeof(CommunicationChannel), typeof(CommunicationDirection), typeof(EngagementType),
        typeof(Motivation), typeof(HealthBand),
    ];

    /// <summary>
    /// <paramref name="message"/> with every quoted JSON name of a field of <paramref name="form"/> replaced by its label,
    /// and the vocabulary values it recognises by their names in the page's language.
    /// </summary>
    public static string WithLabels(string message, CommandForm form, IStringLocalizer<AppText> text)
    {
        var quoted = QuotedName().Replace(message, m =>
            FieldNamed(form, m.Groups["name"].Value) is { } field ? text["QuotedLabel", text["Field." + field].Value].Value
            : Vocabulary(form, m.Groups["name"].Value, text) is { } name ? text["QuotedLabel", name].Value
            : m.Value);
        var listed = WireList().Replace(quoted, m =>
        {
            var names = m.Value.Split(", ").Select(w => Vocabulary(form, w, text)).ToArray();
            return names.All(n => n is not null) ? string.Join(text["ListSeparator"].Value, names) : m.Value;
        });
        var named = SnakeWord().Replace(listed, m => Vocabulary(form, m.Value, text) ?? m.Value);
        return SpaceBesideCornerBracket().Replace(named, "");
    }

    /// <summary>Each of the answer's messages for people (<see cref="WithLabels(string, CommandForm, IStringLocalizer{AppText})"/>).</summary>
    public static string[] WithLabels(IEnumerable<string> messages, CommandForm form, IStringLocalizer<AppText> text) =>
        [.. messages.Select(m => WithLabels(m, form, text))];

    /// <summary>The form's field a quoted name means: its full name, or the last part of exactly one nested field's name.</summary>
    private static string? FieldNamed(CommandForm form, string name)
    {
        if (form.FieldOf(name) is { } field)
        {
            return field;
        }

        var bare = name.Split('[')[0];
        var nested = form.Fields.Where(f => f.Name.EndsWith("." + bare, StringComparison.OrdinalIgnoreCase)).ToArray();
        return nested.Length == 1 ? nested[0].Name : null;
    }

    /// <summary>
    /// The localised name of a vocabulary's wire value (the stage's first, then the form's own vocabularies, then the
    /// others), or null when it is none or has no translation.
    /// </summary>
    private static string? Vocabulary(CommandForm form, string wire, IStringLocalizer<AppText> text)
    {
        foreach (var vocabulary in Vocabularies.Take(1).Concat(form.Fields.Select(f => f.Vocabulary).OfType<Type>()).Concat(Vocabularies).Distinct())
        {
            foreach (Enum value in Enum.GetValues(vocabulary))
            {
                if (AppText.Wire(value) == wire && !text[$"{vocabulary.Name}.{wire}"].ResourceNotFound)
                {
                    return text.Name(value);
                }
            }
        }

        return null;
    }
}
