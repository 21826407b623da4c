package io.mailsync.gateway.api.pop3;

import io.mailsync.gateway.pop3.DeleteFromServer;
import io.mailsync.gateway.pop3.ModelComparison;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The comparison of the IMAP model and the POP model on the wire: the answer of {@code GET .../comparison}. */
@Schema(name = "ModelComparison")
public record ModelComparisonJson(UUID accountId, List<DeviceJson> devices, List<MessageJson> items,
        SummaryJson summary, boolean truncated, String warning) {

    /** The IMAP state of a message: where it is in the mirror and its shared flags. */
    @Schema(name = "ImapMessageState")
    public record ImapStateJson(UUID messageId, String folder, boolean seen, boolean flagged) {

        static ImapStateJson of(ModelComparison.ImapState s) {
            return s == null ? null : new ImapStateJson(s.messageId(), s.folder(), s.seen(), s.flagged());
        }
    }

    /** One POP device's state of a message; {@code present} false when the message never reached its maildrop. */
    @Schema(name = "PopDeviceMessageState")
    public record PopStateJson(UUID deviceId, boolean present, boolean downloaded, boolean seen, String folder,
            boolean deleted, boolean serverCopyDeleted) {

        static PopStateJson of(ModelComparison.PopState s) {
            return new PopStateJson(s.deviceId(), s.present(), s.downloaded(), s.seen(), s.folder(), s.deleted(),
                    s.serverCopyDeleted());
        }
    }

    /** One message under both models; {@code imap} is null when the mirror no longer has it. */
    @Schema(name = "ComparedMessage")
    public record MessageJson(String reference, String subject, Instant receivedAt, ImapStateJson imap,
            List<PopStateJson> devices,
            @Schema(nullable = true, enumeration = {"message-id", "size-and-date"}, description = "How the POP "
                    + "devices' copies, downloaded over upstream POP3 (keyed by UIDL), were matched to the IMAP "
                    + "mirror's message: by the Message-ID header, or (a side without one) by size and Date; null "
                    + "when the maildrops are fed from the mirror itself or nothing matched")
            String matchedBy) {

        static MessageJson of(ModelComparison.Row r) {
            return new MessageJson(r.reference(), r.subject(), r.receivedAt(), ImapStateJson.of(r.imap()),
                    r.devices().stream().map(PopStateJson::of).toList(), r.matchedBy());
        }
    }

    /** A POP device of the account and its policy. */
    @Schema(name = "ComparedPopDevice")
    public record DeviceJson(UUID id, String name, DeleteFromServer deleteFromServer, Integer days) {

        static DeviceJson of(ModelComparison.Device d) {
            return new DeviceJson(d.id(), d.name(), d.deleteFromServer(), d.days());
        }
    }

    /** What diverges for one POP device. */
    @Schema(name = "PopDeviceDivergence")
    public record DeviceDivergenceJson(UUID deviceId, int lacking, int readStateDivergent, int folderDivergent,
            int deletedOnDevice, int downloaded) {

        static DeviceDivergenceJson of(ModelComparison.DeviceSummary d) {
            return new DeviceDivergenceJson(d.deviceId(), d.lacking(), d.readStateDivergent(), d.folderDivergent(),
                    d.deletedOnDevice(), d.downloaded());
        }
    }

    /** The totals. */
    @Schema(name = "ComparisonSummary")
    public record SummaryJson(int messages, int imapMessages, List<DeviceDivergenceJson> devices,
            int removedFromServerByPop, int lostToImapDevices) {

        static SummaryJson of(ModelComparison.Summary s) {
            return new SummaryJson(s.messages(), s.imapMessages(),
                    s.devices().stream().map(DeviceDivergenceJson::of).toList(), s.removedFromServerByPop(),
                    s.lostToImapDevices());
        }
    }

    public static ModelComparisonJson of(ModelComparison.Result r) {
        return new ModelComparisonJson(r.accountId(), r.devices().stream().map(DeviceJson::of).toList(),
                r.items().stream().map(MessageJson::of).toList(), SummaryJson.of(r.summary()), r.truncated(),
                r.warning());
    }
}
