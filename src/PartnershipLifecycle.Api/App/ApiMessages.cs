using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace PartnershipLifecycle.Api.App;

/// <summary>
/// The API's messages as the page shows them. The API answers in the page's language (<see cref="AppApi"/> sends it as
/// <c>Accept-Language</c>) and names each field by its JSON name in single quotes (<c>'studentsReached'</c>), as
/// integrators need; a person reads the label the form shows instead (<c>Field.{name}</c> of AppText, quoted as the
/// page's language quotes: “Students reached”, 「接觸學生人數」). Quoted names that are no field of the form stay as they are.
/// </summary>
public static partial class ApiMessages
{
    [GeneratedRegex(@"'(?<name>[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*(?:\[\d+\])?)'")]
    private static partial Regex QuotedName();

    // Chinese corner brackets need no space beside Chinese text: "「日期」 不可" → "「日期」不可".
    [GeneratedRegex(@"(?<=」) (?=[\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}])|(?<=\p{IsCJKUnifiedIdeographs}) (?=「)")]
    private static partial Regex SpaceBesideCornerBracket();

    /// <summary><paramref name="message"/> with every quoted JSON name of a field of <paramref name="form"/> replaced by its label.</summary>
    public static string WithLabels(string message, CommandForm form, IStringLocalizer<AppText> text) =>
        SpaceBesideCornerBracket().Replace(QuotedName().Replace(message, m => form.FieldOf(m.Groups["name"].Value) is { } field
            ? text["QuotedLabel", text["Field." + field].Value].Value
            : m.Value), "");

    /// <summary>Each of the answer's messages for people (<see cref="WithLabels"/>).</summary>
    public static string[] WithLabels(IEnumerable<string> messages, CommandForm form, IStringLocalizer<AppText> text) =>
        [.. messages.Select(m => WithLabels(m, form, text))];
}
