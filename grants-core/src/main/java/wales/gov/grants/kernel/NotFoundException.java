package wales.gov.grants.kernel;

/** Unknown, or not visible to the actor: the two are never told apart. */
public class NotFoundException extends DomainException {
    public NotFoundException(String kind, String id) {
        super(kind + " " + id + " was not found");
    }
}
