package dev.modelport.serving.error;

/** The model version's batching queue holds its maximum number of requests. */
public class QueueFullException extends ServingException {

  private static final long serialVersionUID = 1L;

  public QueueFullException(String message) {
    super(ErrorKind.QUEUE_FULL, message);
  }
}
