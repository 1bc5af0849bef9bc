import RootForbidden from '../../forbidden';

/** The same 403 page as elsewhere, drawn inside the workspace's frame (the root one would have none here). */
export default RootForbidden;
