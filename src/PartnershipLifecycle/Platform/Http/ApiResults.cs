using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Platform.Localization;

namespace PartnershipLifecycle.Platform.Http;

/// <summary>The problem answers queries share.</summary>
public static class ApiResults
{
    public static IResult NotFound(string detail) => Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = ApiText.Format("Title.NotFound"),
        Detail = detail,
    });

    public static IResult Invalid(IDictionary<string, string[]> errors) => Results.Problem(Validation.Validation.Problem(errors));
}
