using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Json;
using PartnershipLifecycle.Platform.Localization;
using PartnershipLifecycle.Platform.Security;
using PartnershipLifecycle.Platform.Time;
using Wolverine.Http;

namespace PartnershipLifecycle.Platform.Validation;

/// <summary>
/// The limits of docs/api.md: names 200 characters, free text 4,000, counted as user-perceived characters (text elements,
/// <see cref="TextRules.Length"/>), not UTF-16 code units.
/// </summary>
public static class Limits
{
    public const int Name = 200;
    public const int FreeText = 4000;
    public const int ListItems = 50;
}

/// <summary>Runs a command's field rules and answers 400 with <c>errors</c> (field → messages), or no problem.</summary>
public static class Validation
{
    private const string TodayKey = "today";
    private const string LimitsKey = "dateLimits";

    static Validation()
    {
        // Field names as the client wrote them: camelCase, e.g. 'commitments.placementsPerYear'.
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        // FluentValidation's own messages in the request's language: zh-HK as its Traditional Chinese (zh-TW).
        ValidatorOptions.Global.LanguageManager = new ApiLanguageManager();
    }

    /// <summary>
    /// Checks with "today" the caller's institution's today (<see cref="InstitutionCalendar"/>); <paramref name="limits"/>
    /// bound far dates (the defaults when null).
    /// </summary>
    public static ProblemDetails Check<T>(T command, IValidator<T> rules, InstitutionCalendar calendar, HttpContext http, DateLimits? limits = null) =>
        Check(command, rules, calendar.Today(http.User.FindFirstValue(ClaimNames.Tenant)), limits);

    /// <summary>Checks with <paramref name="today"/> as the last date that is not in the future; <paramref name="limits"/> as above.</summary>
    /// <remarks>A missing or <c>null</c> body never gets here: <c>RequestBodyGuard</c> answers it first.</remarks>
    public static ProblemDetails Check<T>(T command, IValidator<T> rules, DateOnly today, DateLimits? limits = null)
    {
        var context = new ValidationContext<T>(command);
        context.RootContextData[TodayKey] = today;
        context.RootContextData[LimitsKey] = limits ?? new DateLimits();
        var result = rules.Validate(context);
        if (result.IsValid)
        {
            return WolverineContinue.NoProblems;
        }

        var errors = result.Errors
            .GroupBy(e => ToJsonPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return Problem(errors);
    }

    public static HttpValidationProblemDetails Problem(IDictionary<string, string[]> errors, string? detail = null) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = ApiText.Format("Title.Invalid"),
        Detail = detail ?? string.Join(" ", errors.SelectMany(e => e.Value).Take(3)),
    };

    /// <summary>FluentValidation's 'Commitments.PlacementsPerYear' or 'Offerings[0]' as JSON names.</summary>
    public static string ToJsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    // ---- the rules every command shares ----

    // Lengths count user-perceived characters (TextRules.Length), so 150 × 🏭 is a valid name; the characters
    // themselves are checked by TextRules (no NUL, control characters or unpaired surrogates).

    /// <summary>A name: not empty, at most <see cref="Limits.Name"/> characters (text elements), one line.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage(_ => ApiText.Format("Field.Required")).Visible().Text(TextKind.Name, Limits.Name);

    /// <summary>A name when given: at most <see cref="Limits.Name"/> characters (text elements), one line.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Text(TextKind.Name, Limits.Name);

    /// <summary>Free text: not empty, at most <see cref="Limits.FreeText"/> characters (text elements); tabs and line breaks allowed.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage(_ => ApiText.Format("Field.Required")).Visible().Text(TextKind.FreeText, Limits.FreeText);

    /// <summary>Shows at least one character: not only white space, zero-width or control characters (<see cref="TextRules.IsBlank"/>).</summary>
    public static IRuleBuilderOptions<T, string?> Visible<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => string.IsNullOrEmpty(text) || !TextRules.IsBlank(text))
            .WithMessage(_ => ApiText.Format("Field.NoVisibleCharacter"));

    /// <summary>Free text when given: at most <see cref="Limits.FreeText"/> characters (text elements).</summary>
    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Text(TextKind.FreeText, Limits.FreeText);

    /// <summary>At most <paramref name="maxLength"/> text elements, and only the characters <see cref="TextRules"/> allows.</summary>
    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, TextKind kind, int maxLength) =>
        rule.Must((_, text, context) =>
            {
                var problem = text is null ? null : TextRules.Problem(text, kind);
                context.MessageFormatter.AppendArgument("TextProblem", problem);
                return problem is null;
            })
            .WithMessage(_ => ApiText.Format("Text.Problem"))
            .Must(text => text is null || TextRules.Length(text) <= maxLength)
            .WithMessage(_ => ApiText.Format("Text.TooLong", ("max", maxLength)));

    public static IRuleBuilderOptions<T, TEnum> Known<T, TEnum>(this IRuleBuilder<T, TEnum> rule) where TEnum : struct, Enum =>
        rule.Must(value => Enum.IsDefined(value))
            .WithMessage(_ => ApiText.Format("Field.OneOf", ("values", string.Join(", ", PartnershipJson.WireNames(typeof(TEnum))))));

    /// <summary>
    /// A date not before <see cref="DateLimits.Earliest"/> (1900-01-01). Over HTTP a date left out is refused before this
    /// runs (<c>RequestBodyGuard</c>: "is required"), so 0001-01-01 here is a date given, and told it is too early.
    /// </summary>
    public static IRuleBuilderOptions<T, DateOnly> RequiredDate<T>(this IRuleBuilder<T, DateOnly> rule) =>
        rule.Must(date => date >= DateLimits.Earliest)
            .WithMessage(_ => ApiText.Format("Date.TooEarly", ("date", ApiText.Day(DateLimits.Earliest))));

    /// <summary>An optional date: when given, not before <see cref="DateLimits.Earliest"/> (1900-01-01).</summary>
    public static IRuleBuilderOptions<T, DateOnly?> NotBeforeEarliest<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(date => date is null || date >= DateLimits.Earliest)
            .WithMessage(_ => ApiText.Format("Date.TooEarly", ("date", ApiText.Day(DateLimits.Earliest))));

    /// <summary>
    /// A date no later than <paramref name="span"/> of <see cref="DateLimits"/> after another of the command's dates
    /// (<paramref name="from"/>, named <paramref name="fromName"/>); not checked while that one is missing.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, DateOnly> NoLaterThan<T>(
        this IRuleBuilder<T, DateOnly> rule, Func<T, DateOnly> from, string fromName, Func<DateLimits, (int Years, int Days)> span) =>
        rule.Custom((date, context) =>
        {
            var start = from(context.InstanceToValidate);
            if (start == default)
            {
                return;
            }

            var (years, days) = span((DateLimits)context.RootContextData[LimitsKey]);
            var latest = DateLimits.Add(start, years, days);
            if (date > latest)
            {
                var field = ToJsonPath(context.PropertyPath);
                var length = years > 0 ? ApiText.Format("Span.Years", ("years", years)) : ApiText.Format("Span.Days", ("days", days));
                context.AddFailure(field, ApiText.Format("Date.TooLongAfter", ("field", field), ("length", length), ("from", fromName), ("latest", ApiText.Day(latest))));
            }
        });

    /// <summary>A date no later than <see cref="DateLimits.FollowUpMaxDaysAhead"/> days after the institution's today.</summary>
    public static IRuleBuilderOptionsConditions<T, DateOnly> NotFarAhead<T>(this IRuleBuilder<T, DateOnly> rule) =>
        rule.Custom((date, context) =>
        {
            var days = ((DateLimits)context.RootContextData[LimitsKey]).FollowUpMaxDaysAhead;
            var latest = DateLimits.Add((DateOnly)context.RootContextData[TodayKey], days: days);
            if (date > latest)
            {
                var field = ToJsonPath(context.PropertyPath);
                context.AddFailure(field, ApiText.Format("Date.TooFarAhead", ("field", field), ("days", days), ("latest", ApiText.Day(latest))));
            }
        });

    /// <summary>A business date that happened: required, and not after the institution's today.</summary>
    public static IRuleBuilderOptions<T, DateOnly> PastDate<T>(this IRuleBuilder<T, DateOnly> rule) =>
        rule.RequiredDate().NotInFuture();

    public static IRuleBuilderOptions<T, DateOnly> NotInFuture<T>(this IRuleBuilder<T, DateOnly> rule) =>
        rule.Must((_, date, context) => date <= (DateOnly)context.RootContextData[TodayKey])
            .WithMessage(_ => ApiText.Format("Date.InFuture"));

    public static IRuleBuilderOptions<T, DateOnly?> NotInFuture<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must((_, date, context) => date is null || date <= (DateOnly)context.RootContextData[TodayKey])
            .WithMessage(_ => ApiText.Format("Date.InFuture"));

    public static IRuleBuilderOptions<T, int> Score<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, 5).WithMessage(_ => ApiText.Format("Field.Score"));

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> TextItems<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(items => items is null || items.Count <= Limits.ListItems)
            .WithMessage(_ => ApiText.Format("Items.TooMany", ("max", Limits.ListItems)))
            .Must(items => items is null || items.All(i => !string.IsNullOrWhiteSpace(i) && TextRules.Length(i) <= Limits.FreeText))
            .WithMessage(_ => ApiText.Format("Items.EachText", ("max", Limits.FreeText)))
            .Must((_, items, context) =>
            {
                var problem = items?.Select(TextRules.ProblemOf(TextKind.FreeText)).FirstOrDefault(p => p is not null);
                context.MessageFormatter.AppendArgument("TextProblem", problem);
                return problem is null;
            })
            .WithMessage(_ => ApiText.Format("Items.EachValid"));
}

/// <summary>
/// A command's field rules: the FluentValidation validator nested in the command type as <c>Rules</c> (the convention
/// every command follows), run with the caller's institution's today and the configured date limits
/// (<see cref="DateLimits"/>). <see cref="Http.StreamCommandPolicy"/> applies it before anything else of the command.
/// </summary>
public static class CommandRules
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IValidator?> Validators = new();

    /// <summary>The command's nested <c>Rules</c>, or null when it has none.</summary>
    public static IValidator? For(Type commandType) => Validators.GetOrAdd(commandType, type =>
        type.GetNestedType("Rules") is { } rules && rules.IsAssignableTo(typeof(IValidator)) ? (IValidator)Activator.CreateInstance(rules)! : null);

    /// <summary>400 with <c>errors</c> naming each field, or <see cref="WolverineContinue.NoProblems"/>.</summary>
    public static ProblemDetails Check<TCommand>(TCommand command, InstitutionCalendar calendar, HttpContext http, Microsoft.Extensions.Options.IOptions<DateLimits> limits) =>
        Validation.Check(command, (IValidator<TCommand>)For(typeof(TCommand))!, calendar, http, limits.Value);
}
