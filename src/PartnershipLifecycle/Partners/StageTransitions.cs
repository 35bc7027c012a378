using PartnershipLifecycle.Partners.Agreeing;
using PartnershipLifecycle.Partners.Losing;
using PartnershipLifecycle.Partners.Pausing;
using PartnershipLifecycle.Partners.Piloting;
using PartnershipLifecycle.Partners.Pitching;
using PartnershipLifecycle.Partners.ReachingOut;
using PartnershipLifecycle.Partners.WinningBack;

namespace PartnershipLifecycle.Partners;

/// <summary>
/// The lifecycle's state machine in one place: the stage a partner is in after an event. The aggregate,
/// the story and the analytics tables all move stages with it.
/// </summary>
public static class StageTransitions
{
    public static Stage After(Stage current, object @event) => @event switch
    {
        Identifying.ProspectIdentified => Stage.Prospect,
        OutreachLogged when current == Stage.Prospect => Stage.Contacted,
        PitchDelivered => Stage.Pitched,
        PilotStarted => Stage.Piloting,
        MouSigned => Stage.Active,
        PartnershipPaused => Stage.Paused,
        PartnershipResumed => Stage.Active,
        PartnershipLost => Stage.Lost,
        PartnershipReactivated => Stage.Prospect,
        _ => current,
    };
}
