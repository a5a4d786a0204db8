// Order matters: the namespace is set before the elements register.
import "./namespace";
import "@frontdesk/widget-booking";
