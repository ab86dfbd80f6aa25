package wales.gov.grants.api.representations;

import java.util.List;
import java.util.function.Function;

import wales.gov.grants.kernel.Page;

/** A page of a list: the items, the total and where the next page starts (null on the last page). */
public record PageView<T>(List<T> items, long total, int limit, long offset, Long nextOffset) {
    public static <D, T> PageView<T> of(Page<D> page, Function<D, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.total(), page.limit(), page.offset(),
                page.hasNext() ? page.offset() + page.items().size() : null);
    }
}
