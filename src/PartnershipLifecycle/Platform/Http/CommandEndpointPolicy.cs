using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using PartnershipLifecycle.Partners.Identifying;
using PartnershipLifecycle.Platform.Commands;
using Wolverine.Http;

namespace PartnershipLifecycle.Platform.Http;

/// <summary>
/// Describes every partner command endpoint in OpenAPI the way it answers (<see cref="CommandDispatch"/>):
/// the new version on success, problem details for each refusal of docs/api.md.
/// </summary>
public sealed class CommandEndpointPolicy : IHttpPolicy
{
    private static readonly int[] Refusals =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed,
        StatusCodes.Status413PayloadTooLarge,
    ];

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.RequestType?.IsAssignableTo(typeof(PartnerCommand)) == true))
        {
            var creates = chain.RequestType == typeof(IdentifyProspect);
            // Wolverine describes the IResult the endpoint returns; say what it holds instead.
            chain.Metadata.Finally(endpoint =>
            {
                foreach (var generic in endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Where(m => m.Type == typeof(IResult)).ToArray())
                {
                    endpoint.Metadata.Remove(generic);
                }
            });
            chain.Metadata.Produces<CommandAccepted>(creates ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            // A creation names no existing partner, so it is never 404 or 412.
            foreach (var status in Refusals.Where(s => !creates || s is not (StatusCodes.Status404NotFound or StatusCodes.Status412PreconditionFailed)))
            {
                chain.Metadata.ProducesProblem(status);
            }

            chain.Metadata.WithTags(creates ? "partners" : "commands");
        }
    }
}
