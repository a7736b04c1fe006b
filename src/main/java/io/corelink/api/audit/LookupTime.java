package io.corelink.api.audit;

import io.corelink.domain.error.InvalidValueException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code startTime} and {@code endTime} of an audit lookup, read as the AWS CLI and SDKs write times and as people
 * type them:
 * <ul>
 *   <li>ISO-8601 with {@code Z} or an offset ({@code 2026-12-02T10:00:00Z}, {@code …+01:00}, {@code +0100} or
 *   {@code +01}, a fraction allowed); an offset's {@code +} that a client left unencoded arrives as a space and is
 *   read as {@code +};</li>
 *   <li>without a zone ({@code 2026-12-02T10:00:00}, {@code 2026-12-02 10:00}, {@code 2026-12-02}): UTC, as botocore
 *   reads a time without one;</li>
 *   <li>a number: seconds since the epoch (a fraction allowed), as CloudTrail's LookupEvents takes it; one of 12 or
 *   more integer digits is milliseconds (JavaScript's {@code Date.now()}), since seconds that large are past the
 *   year 5000.</li>
 * </ul>
 * Dates are read strictly (no 31 February, no 24:00), and times outside the years 0 to 9999 are refused.
 * Records show their {@code eventTime} in whole seconds (as CloudTrail), so the bounds compare in whole seconds too:
 * a record whose shown time is {@code endTime} is in the range, whatever its milliseconds.
 */
final class LookupTime {
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().parseLenient().appendOffset("+HH:MM:ss", "Z").parseStrict().optionalEnd()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);
    /** Longer than any form above; a longer value is refused before any pattern reads it. */
    private static final int LONGEST = 64;
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern DATE_SPACE_TIME = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:[^ ]*)");
    private static final Pattern TIME_SPACE_OFFSET =
            Pattern.compile("(?i)(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d[^ ]*) (\\d\\d(:?\\d\\d)?)");
    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile("(?i)(T[0-9:.]+[+-]\\d\\d)(\\d\\d)$");
    private static final int MILLISECOND_DIGITS = 12;
    /** Years 0 to 9999: what ISO-8601 writes with four digits, and far inside epoch milliseconds' range. */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private LookupTime() {
    }

    /**
     * @throws InvalidValueException with the forms accepted, for anything else
     */
    static Instant parse(String value) {
        String text = value.strip();
        Instant time = text.length() > LONGEST ? null : read(text);
        if (time == null || time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new InvalidValueException("Member must be an ISO-8601 time such as 2026-12-02T10:00:00Z (UTC "
                    + "without a zone), or seconds since the epoch");
        }
        return time;
    }

    private static @Nullable Instant read(String value) {
        String text = value;
        try {
            if (NUMBER.matcher(text).matches()) {
                BigDecimal number = new BigDecimal(text);
                int integerDigits = number.precision() - number.scale();
                BigDecimal millis = integerDigits >= MILLISECOND_DIGITS ? number : number.movePointRight(3);
                return Instant.ofEpochMilli(millis.setScale(0, RoundingMode.FLOOR).longValueExact());
            }
            text = DATE_SPACE_TIME.matcher(text).replaceFirst("$1T$2");
            text = TIME_SPACE_OFFSET.matcher(text).replaceFirst("$1+$2");
            text = OFFSET_WITHOUT_COLON.matcher(text).replaceFirst("$1:$2");
            TemporalAccessor parsed = ISO.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (parsed instanceof OffsetDateTime withOffset) {
                return withOffset.toInstant();
            }
            if (parsed instanceof LocalDateTime local) {
                return local.toInstant(ZoneOffset.UTC);
            }
            return ((LocalDate) parsed).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** The first millisecond of a record whose shown time is not before {@code start}. */
    static Instant startBound(Instant start) {
        Instant second = start.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(start) ? start : second.plusSeconds(1);
    }

    /** The last millisecond of a record whose shown time is not after {@code end}. */
    static Instant endBound(Instant end) {
        return end.truncatedTo(ChronoUnit.SECONDS).plusMillis(999);
    }
}
