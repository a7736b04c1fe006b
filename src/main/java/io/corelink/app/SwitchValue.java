package io.corelink.app;

import java.util.Locale;
import picocli.CommandLine;

/**
 * An on/off option's value as a {@code CORELINK_*} variable gives it: {@code true}/{@code false}, {@code 1}/{@code 0},
 * {@code yes}/{@code no}, {@code on}/{@code off}, in any case (what deployment tools and unit files write). Anything
 * else is a usage error naming the forms.
 */
final class SwitchValue implements CommandLine.ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off", "" -> false;
            default -> throw new CommandLine.TypeConversionException("'" + value + "' is not on or off: use true, "
                    + "false, 1, 0, yes, no, on or off");
        };
    }
}
