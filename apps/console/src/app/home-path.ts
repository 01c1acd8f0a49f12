// Where "/" and a successful login without `next` lead.
export const HOME_PATH = '/overview';
